using System.Runtime.Serialization;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Links;

/// <summary>
/// cluster-config/base.hocon binds a bridge's data message to the guard, so it can never be put
/// on Akka remoting: serializing one (what remoting does for a remote recipient) is refused.
/// </summary>
public sealed class RemotingGuardTests()
    : TestKit(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cluster-config", "base.hocon"))))
{
    [Fact]
    public void BridgeData_UnderBaseHocon_IsBoundToTheGuard()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new BridgeData(new byte[16], 0, 16));

        Assert.IsType<BulkBytesGuardSerializer>(serializer);
    }

    [Fact]
    public void BridgeData_Serialized_IsRefused()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new BridgeData(new byte[16], 0, 16));

        Assert.Throws<SerializationException>(() => serializer.ToBinary(new BridgeData(new byte[16], 0, 16)));
    }

    [Fact]
    public void BridgeAck_UnderBaseHocon_IsNotGuarded()
    {
        // Acks are control messages: a count, not bytes; they may cross on remoting.
        Assert.IsNotType<BulkBytesGuardSerializer>(Sys.Serialization.FindSerializerFor(new BridgeAck(1)));
    }
}
