using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;
using Warren.Ssh;
using Warren.Ssh.Auth;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>
/// <see cref="ChannelSupervision"/>, the strategy a connection uses for its channels: a channel
/// that throws is stopped alone and closes its SSH channel on the way out; a protocol fault is
/// reported to the connection, which disconnects. The probe <c>_connection</c> stands for the
/// connection (it receives what the channels send); <c>_failures</c> receives what the strategy
/// tells the connection.
/// </summary>
public sealed class ChannelSupervisionTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _connection;
    private readonly TestProbe _failures;
    private readonly TestProbe _visitor;

    public ChannelSupervisionTests()
    {
        _connection = CreateTestProbe();
        _failures = CreateTestProbe();
        _visitor = CreateTestProbe();
    }

    [Fact]
    public void OpenChannel_ThrowsNonProtocolException_StopsAloneAndSendsClose()
    {
        var faulty = OpenForwarded(local: 3, remote: 30);
        var healthy = OpenForwarded(local: 4, remote: 40);
        Watch(faulty);
        Watch(healthy);

        // An empty payload stands for a bug in the channel: reading its message number throws.
        faulty.Tell(new ChannelInbound([]));

        var close = _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;
        Assert.True(ChannelClose.TryRead(close, out var message));
        Assert.Equal(30u, message.RecipientChannel);
        ExpectTerminated(faulty, Wait);
        _failures.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        healthy.Tell(new BridgeData([1, 2, 3], 0, 3), _visitor.Ref);
        Assert.True(ChannelData.TryRead(_connection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var recipient, out _, out var length));
        Assert.Equal(40u, recipient);
        Assert.Equal(3, length);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void OpenChannel_ProtocolFault_TellsTheConnectionWithTheReason()
    {
        var channel = OpenForwarded(local: 3, remote: 30);

        // A WINDOW_ADJUST too short to read is the client's fault, not the channel's.
        channel.Tell(new ChannelInbound([SshMessageNumber.ChannelWindowAdjust, 0, 0, 0, 3]));

        var failure = _failures.ExpectMsg<Status.Failure>(Wait);
        var protocol = Assert.IsType<SshProtocolException>(failure.Cause);
        Assert.Equal(SshDisconnectReason.ProtocolError, protocol.Reason);
    }

    [Fact]
    public void UnconfirmedDirectTcpip_Throws_AnswersOpenFailureInsteadOfClose()
    {
        var registry = CreateTestProbe();
        var channel = _connection.ChildActorOf(
            DirectTcpipChannelActor.Props(new DirectTcpipChannelContext(
                2, 20, 1 << 20, 32 * 1024, new DirectTcpip("myapp", 80, "192.0.2.1", 50000),
                "alice", KeyPermissions.Unrestricted, DirectTargetPolicy.TunnelsOnly, registry.Ref, "conn-1", NullLogger.Instance)),
            ChannelSupervision.Strategy(_failures.Ref));
        Watch(channel);
        registry.ExpectMsg<ResolveTunnel>(Wait);

        // A resolution without a backend stands for a bug: the channel throws while deciding.
        registry.Reply(new TunnelResolved("myapp", TunnelKind.Http, null!));

        Assert.True(ChannelOpenFailure.TryRead(_connection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var failure));
        Assert.Equal(20u, failure.RecipientChannel);
        Assert.Equal(ChannelOpenFailureReason.ConnectFailed, failure.Reason);
        ExpectTerminated(channel, Wait);
        _failures.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private IActorRef OpenForwarded(uint local, uint remote)
    {
        var target = new ForwardedTcpip("localhost", 80, "192.0.2.1", 50000);
        var channel = _connection.ChildActorOf(
            ForwardedTcpipChannelActor.Props(local, target, _visitor.Ref),
            ChannelSupervision.Strategy(_failures.Ref));
        _connection.ExpectMsg<ChannelOutbound>(Wait);
        var confirmation = new byte[ChannelOpenConfirmation.Size];
        new ChannelOpenConfirmation(local, remote, 1 << 20, 32 * 1024).WriteTo(confirmation);
        channel.Tell(new ChannelInbound(confirmation));
        _visitor.ExpectMsg<BridgeOpened>(Wait);
        return channel;
    }
}
