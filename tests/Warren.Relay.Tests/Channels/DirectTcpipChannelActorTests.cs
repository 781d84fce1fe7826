using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;
using Warren.Ssh.Auth;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>The visitor's side of a bridge: resolving, asking the tunnel's session, confirming or refusing.</summary>
public sealed class DirectTcpipChannelActorTests : TestKit
{
    private const uint Local = 2;
    private const uint Remote = 5;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _connection;
    private readonly TestProbe _registry;
    private readonly TestProbe _session;

    public DirectTcpipChannelActorTests()
    {
        _connection = CreateTestProbe();
        _registry = CreateTestProbe();
        _session = CreateTestProbe();
    }

    [Fact]
    public void TunnelFound_AsksItsSessionWithTheExactBindAddress_ThenConfirmsOnBridgeOpened()
    {
        var channel = Channel("MyApp", 80);
        var resolve = _registry.ExpectMsg<ResolveTunnel>(Wait);
        Assert.Equal("myapp", resolve.Name);
        Assert.Equal("alice", resolve.Account);

        _registry.Reply(new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-9", "MyApp", 80)));
        var open = _session.ExpectMsg<OpenForwardedTcpip>(Wait);
        channel.Tell(new BridgeOpened(_session.Ref));

        Assert.Equal(new ForwardedTcpip("MyApp", 80, "192.0.2.1", 50000), open.Target);
        Assert.Equal(channel, open.Peer);
        var confirmation = _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;
        Assert.True(ChannelOpenConfirmation.TryRead(confirmation, out var message));
        Assert.Equal(Remote, message.RecipientChannel);
        Assert.Equal(Local, message.SenderChannel);
    }

    [Fact]
    public void TunnelNotFound_RefusesWithAReason_AndStops()
    {
        var channel = Channel("nosuch", 80);
        Watch(channel);
        _registry.ExpectMsg<ResolveTunnel>(Wait);

        _registry.Reply(new TunnelNotFound("nosuch"));

        var failure = Failure();
        Assert.Equal(ChannelOpenFailureReason.AdministrativelyProhibited, failure.Reason);
        Assert.Contains("not a tunnel", failure.Description, StringComparison.Ordinal);
        ExpectTerminated(channel, Wait);
    }

    [Fact]
    public void RealHost_IsRefusedWithoutAskingTheRegistry()
    {
        Channel("10.0.0.1", 80);

        var failure = Failure();

        Assert.Equal(ChannelOpenFailureReason.AdministrativelyProhibited, failure.Reason);
        _registry.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void OtherSideFails_RefusesWithItsCodeAndText()
    {
        Channel("myapp", 80);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-9", "myapp", 80)));
        var open = _session.ExpectMsg<OpenForwardedTcpip>(Wait);

        open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "service down"));

        var failure = Failure();
        Assert.Equal(ChannelOpenFailureReason.ConnectFailed, failure.Reason);
        Assert.Equal("service down", failure.Description);
    }

    [Fact]
    public void TunnelsSessionStops_BeforeItAnswers_RefusesConnectFailed()
    {
        Channel("myapp", 80);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-9", "myapp", 80)));
        _session.ExpectMsg<OpenForwardedTcpip>(Wait);

        Sys.Stop(_session.Ref);

        Assert.Equal(ChannelOpenFailureReason.ConnectFailed, Failure().Reason);
    }

    [Fact]
    public async Task PermittedRealHost_Connects_ThenHandsTheChannelToASocketChannel()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var channel = Channel("127.0.0.1", (uint)port, Permit($"127.0.0.1:{port}"));
        using var accepted = await listener.AcceptSocketAsync(new CancellationTokenSource(Wait).Token);

        var start = _connection.ExpectMsg<StartSocketChannel>(Wait);

        Assert.Equal(channel, _connection.LastSender);
        Assert.Equal(Local, start.Start.LocalChannel);
        Assert.Equal(new SocketChannelRemote(Remote, 1 << 20, 32 * 1024), start.Start.Remote);
        Assert.True(start.Start.Socket.Connected);
        start.Start.Socket.Dispose();
        _registry.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void PermittedRealHost_NothingListens_RefusesConnectFailedWithTheReason()
    {
        var port = FreeLoopbackPort();
        Channel("127.0.0.1", (uint)port, Permit($"127.0.0.1:{port}"));

        var failure = Failure();

        Assert.Equal(ChannelOpenFailureReason.ConnectFailed, failure.Reason);
        Assert.Equal($"connection refused by 127.0.0.1:{port}", failure.Description);
    }

    [Fact]
    public void PermitOpenAny_Loopback_IsRefusedBeforeConnecting()
    {
        Channel("127.0.0.1", 22, Permit("any"));

        var failure = Failure();

        Assert.Equal(ChannelOpenFailureReason.AdministrativelyProhibited, failure.Reason);
        Assert.Contains("loopback", failure.Description, StringComparison.Ordinal);
    }

    private static DirectTargetPolicy Permit(string entry) => new(PermitOpenEntry.ParseAll([entry]));

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private IActorRef Channel(string host, uint port, DirectTargetPolicy? policy = null) =>
        _connection.ChildActorOf(DirectTcpipChannelActor.Props(new DirectTcpipChannelContext(
            Local, Remote, 1 << 20, 32 * 1024, new DirectTcpip(host, port, "192.0.2.1", 50000),
            "alice", KeyPermissions.Unrestricted, policy ?? DirectTargetPolicy.TunnelsOnly, _registry.Ref, "conn-1", NullLogger.Instance, new Warren.Ssh.Buffers.PacketBufferPool(16))));

    private ChannelOpenFailure Failure()
    {
        var payload = _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;
        Assert.True(ChannelOpenFailure.TryRead(payload, out var failure));
        Assert.Equal(Remote, failure.RecipientChannel);
        return failure;
    }
}
