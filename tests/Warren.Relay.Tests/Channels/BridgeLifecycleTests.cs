using System.Text;
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
/// Both sides of a bridge as real actors, each under a probe that stands for its connection: a
/// visitor's direct-tcpip and a publisher's forwarded-tcpip go through open, confirmation, data
/// both ways, EOF and CLOSE; and an idle bridge closes when an idle timeout is set.
/// </summary>
public sealed class BridgeLifecycleTests : TestKit
{
    private const uint VisitorLocal = 2;
    private const uint VisitorRemote = 5;
    private const uint PublisherLocal = 9;
    private const uint PublisherRemote = 70;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _visitorConnection;
    private readonly TestProbe _publisherConnection;
    private readonly TestProbe _registry;
    private readonly TestProbe _session;

    public BridgeLifecycleTests()
    {
        _visitorConnection = CreateTestProbe();
        _publisherConnection = CreateTestProbe();
        _registry = CreateTestProbe();
        _session = CreateTestProbe();
    }

    [Fact]
    public void Bridge_OpenDataEofClose_EverythingArrivesInOrderAndBothSidesStop()
    {
        var (visitor, publisher) = OpenBridge(idleTimeout: null);
        Watch(visitor);
        Watch(publisher);

        visitor.Tell(new ChannelInbound(Data(VisitorLocal, "hello")));
        var toPublisher = _publisherConnection.ExpectMsg<ChannelOutbound>(Wait);
        Assert.Equal("hello", TextOf(toPublisher.Payload, PublisherRemote));
        Assert.Equal(visitor, toPublisher.AckTo);

        publisher.Tell(new ChannelInbound(Data(PublisherLocal, "world")));
        Assert.Equal("world", TextOf(_visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload, VisitorRemote));

        visitor.Tell(new ChannelInbound(Encode(new ChannelEof(VisitorLocal))));
        Assert.Equal(SshMessageNumber.ChannelEof, _publisherConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);

        visitor.Tell(new ChannelInbound(Encode(new ChannelClose(VisitorLocal))));
        Assert.Equal(SshMessageNumber.ChannelClose, _visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);
        ExpectTerminated(visitor, Wait);
        Assert.Equal(SshMessageNumber.ChannelClose, _publisherConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);

        publisher.Tell(new ChannelInbound(Encode(new ChannelClose(PublisherLocal))));
        ExpectTerminated(publisher, Wait);
        _visitorConnection.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _publisherConnection.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Bridge_PublisherRefusesTheOpen_VisitorGetsOpenFailureAndBothStop()
    {
        var visitor = Visitor(idleTimeout: null);
        Watch(visitor);
        var open = ResolveAndAskSession();
        var publisher = _publisherConnection.ChildActorOf(ForwardedTcpipChannelActor.Props(PublisherLocal, open.Target, open.Peer));
        Watch(publisher);
        _publisherConnection.ExpectMsg<ChannelOutbound>(Wait);

        var refusal = new ChannelOpenFailure(PublisherLocal, ChannelOpenFailureReason.ConnectFailed, "Connection refused");
        var payload = new byte[refusal.GetSize()];
        refusal.WriteTo(payload);
        publisher.Tell(new ChannelInbound(payload));

        Assert.True(ChannelOpenFailure.TryRead(_visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var failure));
        Assert.Equal(VisitorRemote, failure.RecipientChannel);
        Assert.Contains("Connection refused", failure.Description, StringComparison.Ordinal);
        ExpectBothTerminated(publisher, visitor);
    }

    [Fact]
    public void Bridge_NoTrafficForTheIdleTimeout_BothSidesSendEofAndClose()
    {
        var (visitor, publisher) = OpenBridge(idleTimeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(SshMessageNumber.ChannelEof, _visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);
        Assert.Equal(SshMessageNumber.ChannelClose, _visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);
        Assert.Equal(SshMessageNumber.ChannelEof, _publisherConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);
        Assert.Equal(SshMessageNumber.ChannelClose, _publisherConnection.ExpectMsg<ChannelOutbound>(Wait).Payload[0]);
        Watch(visitor);
        Watch(publisher);
        visitor.Tell(new ChannelInbound(Encode(new ChannelClose(VisitorLocal))));
        publisher.Tell(new ChannelInbound(Encode(new ChannelClose(PublisherLocal))));
        ExpectBothTerminated(visitor, publisher);
    }

    /// <summary>Both stop; which one stops first depends on scheduling.</summary>
    private void ExpectBothTerminated(IActorRef first, IActorRef second)
    {
        var stopped = new HashSet<IActorRef> { ExpectMsg<Terminated>(Wait).ActorRef, ExpectMsg<Terminated>(Wait).ActorRef };
        Assert.Equal(new HashSet<IActorRef> { first, second }, stopped);
    }

    [Fact]
    public void Bridge_WithoutIdleTimeout_StaysOpenWhenIdle()
    {
        OpenBridge(idleTimeout: null);

        _visitorConnection.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        _publisherConnection.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private (IActorRef Visitor, IActorRef Publisher) OpenBridge(TimeSpan? idleTimeout)
    {
        var visitor = Visitor(idleTimeout);
        var open = ResolveAndAskSession();
        var publisher = _publisherConnection.ChildActorOf(ForwardedTcpipChannelActor.Props(PublisherLocal, open.Target, open.Peer, idleTimeout));
        Assert.True(ChannelOpen.TryRead(_publisherConnection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var header, out _));
        Assert.Equal(ChannelTypes.ForwardedTcpip, header.ChannelType);

        publisher.Tell(new ChannelInbound(Encode(new ChannelOpenConfirmation(PublisherLocal, PublisherRemote, 1 << 20, 32 * 1024))));

        Assert.True(ChannelOpenConfirmation.TryRead(_visitorConnection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var confirmation));
        Assert.Equal(VisitorRemote, confirmation.RecipientChannel);
        Assert.Equal(VisitorLocal, confirmation.SenderChannel);
        return (visitor, publisher);
    }

    private IActorRef Visitor(TimeSpan? idleTimeout) =>
        _visitorConnection.ChildActorOf(DirectTcpipChannelActor.Props(new DirectTcpipChannelContext(
            VisitorLocal, VisitorRemote, 1 << 20, 32 * 1024, new DirectTcpip("myapp", 80, "192.0.2.1", 50000),
            "alice", KeyPermissions.Unrestricted, DirectTargetPolicy.TunnelsOnly, _registry.Ref, "conn-1", NullLogger.Instance, new Warren.Ssh.Buffers.PacketBufferPool(16))
        {
            IdleTimeout = idleTimeout,
        }));

    private OpenForwardedTcpip ResolveAndAskSession()
    {
        _registry.ExpectMsg<ResolveTunnel>(Wait);
        _registry.Reply(new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(_session.Ref, "conn-2", "myapp", 80)));
        return _session.ExpectMsg<OpenForwardedTcpip>(Wait);
    }

    private static string TextOf(byte[] payload, uint recipient)
    {
        Assert.True(ChannelData.TryRead(payload, out var to, out var offset, out var length));
        Assert.Equal(recipient, to);
        return Encoding.ASCII.GetString(payload, offset, length);
    }

    private static byte[] Data(uint recipient, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var payload = new byte[ChannelData.HeaderSize + bytes.Length];
        ChannelData.WriteTo(payload, recipient, bytes);
        return payload;
    }

    private static byte[] Encode(ChannelEof message)
    {
        var payload = new byte[ChannelEof.Size];
        message.WriteTo(payload);
        return payload;
    }

    private static byte[] Encode(ChannelClose message)
    {
        var payload = new byte[ChannelClose.Size];
        message.WriteTo(payload);
        return payload;
    }

    private static byte[] Encode(ChannelOpenConfirmation message)
    {
        var payload = new byte[ChannelOpenConfirmation.Size];
        message.WriteTo(payload);
        return payload;
    }
}
