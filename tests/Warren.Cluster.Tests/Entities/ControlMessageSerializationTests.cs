using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Cluster;
using Warren.Relay.Edge;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Cluster.Tests.Entities;

/// <summary>
/// The messages that cross between nodes survive the serializer Akka picks for them (records
/// with actor refs, nested records, enums and nulls), as remoting would carry them.
/// </summary>
public sealed class ControlMessageSerializationTests : OneNodeClusterKit
{
    public static TheoryData<string> MessageNames => [.. Messages(ActorRefs.Nobody).Keys];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void RoundTrip_ControlMessage_ComesBackEqual(string name)
    {
        var message = Messages(TestActor)[name];
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);

        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.Equal(message, back);
    }

    [Fact]
    public void RoundTrip_BackendWithEdgeOptions_KeepsEveryOption()
    {
        Assert.True(EdgeTunnelOptionsParser.TryParse(
            "auth=alice:s3cret allow=203.0.113.0/24,2001:db8::/32 forwarded=off host-header=app.local proxy-protocol=2 force-https allow-accounts=bob bind=replace",
            out var options,
            out var problem), problem);
        var message = new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(TestActor, "conn-7", "myapp", 80) { Options = options });
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var back = (TunnelResolved)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        var carried = back.Backend.Options;
        Assert.Equal(options.BasicAuth, carried.BasicAuth);
        Assert.Equal(options.Allow, carried.Allow);
        Assert.False(carried.ForwardedHeaders);
        Assert.Equal("app.local", carried.HostHeader);
        Assert.Equal(2, carried.ProxyProtocol);
        Assert.True(carried.ForceHttps);
        Assert.Equal(["bob"], carried.AllowAccounts);
        Assert.Equal(BindPolicy.Replace, carried.Bind);
        Assert.True(carried.AllowsVisitor(System.Net.IPAddress.Parse("203.0.113.9")));
    }

    private static Dictionary<string, object> Messages(IActorRef session)
    {
        var backend = new TunnelBackend(session, "conn-7", "myapp", 80);
        var bind = new BindTunnel("myapp", "alice", backend, BindPolicy.Replace, Fresh: true);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["BindTunnel"] = bind,
            ["UnbindTunnel"] = new UnbindTunnel("myapp", backend),
            ["ResolveTunnel"] = new ResolveTunnel("myapp", null),
            ["TunnelBound"] = new TunnelBound("myapp", TunnelKind.Http, TunnelBindOutcome.JoinedPool, backend),
            ["TunnelBindRefused"] = new TunnelBindRefused("myapp", "taken", backend),
            ["TunnelResolved"] = new TunnelResolved("myapp", TunnelKind.TcpAlias, backend),
            ["TunnelNotFound"] = new TunnelNotFound("myapp"),
            ["ReserveTunnel"] = new ReserveTunnel("alice", 20, "too many tunnels", bind),
            ["TunnelOwnership"] = new TunnelOwnership("alice", "myapp", Live: true),
            ["OpenForwardedTcpip"] = new OpenForwardedTcpip(new ForwardedTcpip("myapp", 80, "10.0.0.1", 5555), session),
            ["BridgeAck"] = new BridgeAck(32768),
            ["BridgeOpenFailed"] = new BridgeOpenFailed(Warren.Relay.Forwarding.ChannelOpenFailureCode.ConnectFailed, "the session ended"),
            ["OpenFarEnd"] = new Warren.Relay.Cluster.Links.OpenFarEnd("0123456789abcdef", 7, session, new ForwardedTcpip("myapp", 80, "10.0.0.1", 5555), session),
        };
    }
}
