using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Relay.Edge;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Edge;

/// <summary>The visitor side of an edge bridge: opening (and why not), credit both ways, EOF and close.</summary>
public sealed class TunnelStreamTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly IPEndPoint Visitor = new(IPAddress.Parse("192.0.2.7"), 40000);

    private readonly TestProbe _registry;
    private readonly TestProbe _session;
    private readonly TestProbe _channel;
    private readonly TunnelConnector _connector;

    public TunnelStreamTests()
    {
        _registry = CreateTestProbe();
        _session = CreateTestProbe();
        _channel = CreateTestProbe();
        _connector = new TunnelConnector(Sys.ActorOf(EdgeActor.Props(_registry.Ref)));
    }

    [Fact]
    public async Task Open_TunnelOfThatKind_AsksItsSessionWithTheExactBindAddressAndVisitor()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Http, Visitor, CancellationToken.None);
        var resolve = _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("web", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-1", "Web", 80)));
        var open = _session.ExpectMsg<OpenForwardedTcpip>(Wait);
        open.Peer.Tell(new BridgeOpened(_channel.Ref));

        var result = await opening.WaitAsync(Wait);

        Assert.Null(resolve.Account);
        Assert.Equal(new ForwardedTcpip("Web", 80, "192.0.2.7", 40000), open.Target);
        Assert.Equal(TunnelOpenFailure.None, result.Failure);
        await using var stream = result.Stream!;
    }

    [Fact]
    public async Task Open_VisitorOutsideAllowList_NotAllowedWithoutOpening()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Tls, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        var options = new EdgeTunnelOptions { Allow = ["10.0.0.0/8"], ProxyProtocol = 2 };
        _registry.Reply(new TunnelResolved("web", TunnelKind.Tls, new TunnelBackend(_session.Ref, "conn-1", "web", 443) { Options = options }));

        var result = await opening.WaitAsync(Wait);

        Assert.Equal(TunnelOpenFailure.NotAllowed, result.Failure);
        _session.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Open_ChosenBackend_OpensWithoutResolvingAndCarriesItsOptions()
    {
        var options = new EdgeTunnelOptions { Allow = ["192.0.2.0/24"], ProxyProtocol = 1 };
        var backend = new TunnelBackend(_session.Ref, "conn-1", "web", 443) { Options = options };
        var opening = _connector.OpenAsync("web", TunnelKind.Tls, backend, Visitor, CancellationToken.None);
        var open = _session.ExpectMsg<OpenForwardedTcpip>(Wait);
        open.Peer.Tell(new BridgeOpened(_channel.Ref));

        var result = await opening.WaitAsync(Wait);

        _registry.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TunnelOpenFailure.None, result.Failure);
        Assert.Equal(1, result.Options.ProxyProtocol);
        await using var stream = result.Stream!;
    }

    [Fact]
    public async Task Open_SessionOverItsChannelLimit_OverLimit()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Http, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("web", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-1", "web", 80)));
        var open = _session.ExpectMsg<OpenForwardedTcpip>(Wait);
        open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ResourceShortage, "the tunnel's session is busy"));

        var result = await opening.WaitAsync(Wait);

        Assert.Equal(TunnelOpenFailure.OverLimit, result.Failure);
    }

    [Fact]
    public async Task Open_TunnelOfAnotherKind_UnknownNameWithoutOpening()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Tls, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("web", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-1", "web", 80)));

        var result = await opening.WaitAsync(Wait);

        Assert.Equal(TunnelOpenFailure.UnknownName, result.Failure);
        _session.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Open_NotFound_UnknownName()
    {
        var opening = _connector.OpenAsync("nosuch", TunnelKind.Http, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelNotFound("nosuch"));

        Assert.Equal(TunnelOpenFailure.UnknownName, (await opening.WaitAsync(Wait)).Failure);
    }

    [Fact]
    public async Task Open_ServiceRefuses_BackendFailed()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Http, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("web", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-1", "web", 80)));
        _session.ExpectMsg<OpenForwardedTcpip>(Wait).Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "refused"));

        Assert.Equal(TunnelOpenFailure.BackendFailed, (await opening.WaitAsync(Wait)).Failure);
    }

    [Fact]
    public async Task Read_AcksOnlyTheBytesTaken()
    {
        var (stream, bridge) = await OpenAsync();
        await using var _ = stream;
        bridge.Tell(new BridgeData([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 10), _channel.Ref);
        _channel.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        var buffer = new byte[4];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Wait);

        Assert.Equal(4, read);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer);
        Assert.Equal(4, _channel.ExpectMsg<BridgeAck>(Wait).Length);
    }

    [Fact]
    public async Task Write_BeyondTheWindow_WaitsForAcks()
    {
        var (stream, bridge) = await OpenAsync();
        await using var _ = stream;
        var window = (int)BridgedChannelActor.LocalWindow;
        var writing = stream.WriteAsync(new byte[window + 1000]).AsTask();

        var sent = 0;
        while (sent < window)
        {
            sent += _channel.ExpectMsg<BridgeData>(Wait).Length;
        }

        _channel.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.False(writing.IsCompleted);
        bridge.Tell(new BridgeAck(1000), _channel.Ref);

        Assert.Equal(1000, _channel.ExpectMsg<BridgeData>(Wait).Length);
        await writing.WaitAsync(Wait);
        Assert.Equal(window, sent);
    }

    [Fact]
    public async Task Eof_FromTheTunnel_ReadEndsAfterTheData()
    {
        var (stream, bridge) = await OpenAsync();
        await using var _ = stream;
        bridge.Tell(new BridgeData([42], 0, 1), _channel.Ref);
        bridge.Tell(BridgeEof.Instance, _channel.Ref);

        var buffer = new byte[8];
        Assert.Equal(1, await stream.ReadAsync(buffer).AsTask().WaitAsync(Wait));
        Assert.Equal(0, await stream.ReadAsync(buffer).AsTask().WaitAsync(Wait));
    }

    [Fact]
    public async Task CompleteWrites_SendsEof_AndDisposeCloses()
    {
        var (stream, bridge) = await OpenAsync();
        Watch(bridge);

        stream.CompleteWrites();
        _channel.ExpectMsg<BridgeEof>(Wait);
        await stream.DisposeAsync();

        _channel.ExpectMsg<BridgeClose>(Wait);
        ExpectTerminated(bridge, Wait);
    }

    [Fact]
    public async Task ChannelGone_ReadEndsAndWritesFail()
    {
        var (stream, _) = await OpenAsync();
        await using var _stream = stream;

        Sys.Stop(_channel.Ref);

        Assert.Equal(0, await stream.ReadAsync(new byte[8]).AsTask().WaitAsync(Wait));
        await Assert.ThrowsAsync<IOException>(() => stream.WriteAsync(new byte[10]).AsTask().WaitAsync(Wait));
    }

    private async Task<(TunnelStream Stream, IActorRef Bridge)> OpenAsync()
    {
        var opening = _connector.OpenAsync("web", TunnelKind.Http, Visitor, CancellationToken.None);
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("web", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-1", "web", 80)));
        var bridge = _session.ExpectMsg<OpenForwardedTcpip>(Wait).Peer;
        bridge.Tell(new BridgeOpened(_channel.Ref));
        var result = await opening.WaitAsync(Wait);
        return (result.Stream!, bridge);
    }
}
