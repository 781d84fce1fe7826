using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Ssh.Connection;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// One end of a bridge that crosses nodes: to its local channel actor (or edge stream) it is the
/// bridge peer, speaking <see cref="BridgeData"/>, <see cref="BridgeAck"/>, <see cref="BridgeEof"/>
/// and <see cref="BridgeClose"/>; to the other node it speaks Data, Credit, Eof and Close frames
/// on its link's stream. A child of the link actor, so the link's end is the stream's end.
/// <code>
///   near (visitor's node):  AwaitingFar --Opened frame--> Open --Close either way--> stopped
///   far (tunnel's node):    AwaitingChannel --BridgeOpened from the channel--> Open --> stopped
///   either opening state --refused, timeout, the other side or the link gone--> stopped
/// </code>
/// </summary>
/// <remarks>
/// Credit: a Credit frame is a <see cref="BridgeAck"/> that crossed the link, so the sender's
/// client window (RFC 4254 §5.2) widens only after the far channel's transport sent the bytes,
/// exactly as on one node. Each end checks that its peer never has more than one bridge window
/// of bytes outstanding (<see cref="ChannelReceiveWindow"/>); a peer that does is closed.
/// </remarks>
internal sealed class LinkStreamActor : ReceiveActor
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(20);

    private readonly uint _streamId;
    private readonly LinkWriter _writer;
    // Threshold 1: every ack is granted back at once, so a Credit frame carries exactly one BridgeAck.
    private readonly ChannelReceiveWindow _received = new(BridgedChannelActor.LocalWindow, BridgedChannelActor.LocalMaximumPacket, adjustThreshold: 1);
    private IActorRef _local;
    private bool _answered;
    private bool _closeSent;
    private bool _closeReceived;

    private LinkStreamActor(uint streamId, LinkWriter writer, IActorRef local)
    {
        _streamId = streamId;
        _writer = writer;
        _local = local;
    }

    /// <summary>The visitor's end: asks the tunnel's node (over remoting) to open the far end for <paramref name="open"/>.</summary>
    public static Props Near(uint streamId, LinkWriter writer, string linkId, ActorSelection farLinks, IActorRef session, OpenForwardedTcpip open) =>
        Props.Create(() => new LinkStreamActor(streamId, writer, open.Peer, linkId, farLinks, session, open));

    /// <summary>The tunnel's end: asks the local session for a forwarded-tcpip channel and tells <see cref="OpenFarEnd.Near"/> the outcome.</summary>
    public static Props Far(LinkWriter writer, OpenFarEnd open) =>
        Props.Create(() => new LinkStreamActor(writer, open));

    public LinkStreamActor(uint streamId, LinkWriter writer, IActorRef visitor, string linkId, ActorSelection farLinks, IActorRef session, OpenForwardedTcpip open)
        : this(streamId, writer, visitor)
    {
        Context.Watch(visitor);
        farLinks.Tell(new OpenFarEnd(linkId, streamId, session, open.Target, Self));
        Context.SetReceiveTimeout(OpenTimeout);
        AwaitingFar();
    }

    public LinkStreamActor(LinkWriter writer, OpenFarEnd open)
        : this(open.StreamId, writer, ActorRefs.Nobody)
    {
        // Until the channel is open the near end's death (or its node's) comes over remoting;
        // afterwards the link's own Close frames say it, in order with the data.
        Context.Watch(open.Near);
        Context.Watch(open.Session);
        open.Session.Tell(new OpenForwardedTcpip(open.Target, Self));
        Context.SetReceiveTimeout(OpenTimeout);
        AwaitingChannel(open);
    }

    /// <inheritdoc />
    protected override void PreStart() => Metrics.RelayMetrics.LinkStreamOpened();

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (!_answered && !_local.IsNobody())
        {
            _local.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the relay link to the tunnel's node closed; try again"));
        }

        SendClose();
        Metrics.RelayMetrics.LinkStreamClosed();
    }

    private void AwaitingFar()
    {
        Receive<BridgeOpenFailed>(failed =>
        {
            _answered = true;
            _local.Tell(failed);
            _closeReceived = true;
            Context.Stop(Self);
        });
        Receive<LinkFrameIn>(frame =>
        {
            switch (frame.Type)
            {
                case RelayFrameType.Opened:
                    _answered = true;
                    _local.Tell(new BridgeOpened(Self));
                    BecomeOpen();
                    break;
                case RelayFrameType.Close:
                    _closeReceived = true;
                    Context.Stop(Self);
                    break;
            }
        });
        Receive<Terminated>(_ =>
        {
            // The visitor left before the far end answered; Close tells the far end.
            _answered = true;
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ =>
        {
            _answered = true;
            _local.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, $"the tunnel's node did not answer in {OpenTimeout.TotalSeconds:0} s; try again"));
            Context.Stop(Self);
        });
    }

    private void AwaitingChannel(OpenFarEnd open)
    {
        // The near end hears the outcome over remoting; _local stays Nobody until a channel exists.
        _answered = true;
        Receive<BridgeOpened>(opened =>
        {
            Context.Unwatch(open.Near);
            Context.Unwatch(open.Session);
            _local = opened.Peer;
            Context.Watch(_local);

            // On the link, not remoting: the channel's first data follows this frame and must not overtake it.
            _writer.Enqueue(OutboundFrame.Signal(RelayFrameType.Opened, _streamId));
            BecomeOpen();
        });
        Receive<BridgeOpenFailed>(failed =>
        {
            open.Near.Tell(failed);
            Context.Stop(Self);
        });
        Receive<LinkFrameIn>(frame =>
        {
            if (frame.Type == RelayFrameType.Close)
            {
                _closeReceived = true;
                Context.Stop(Self);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(open.Session))
            {
                open.Near.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the session serving the tunnel ended; try again"));
            }

            // A channel still opening for this stream sees its visitor (this actor) gone and closes.
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ =>
        {
            open.Near.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, $"the tunnel's client did not answer in {OpenTimeout.TotalSeconds:0} s"));
            Context.Stop(Self);
        });
    }

    private void BecomeOpen()
    {
        Context.SetReceiveTimeout(null);
        Become(Open);
    }

    private void Open()
    {
        Receive<BridgeData>(OnLocalData);
        Receive<BridgeAck>(OnLocalAck);
        Receive<BridgeEof>(_ => _writer.Enqueue(OutboundFrame.Signal(RelayFrameType.Eof, _streamId)));
        Receive<BridgeClose>(_ => Context.Stop(Self));
        Receive<LinkFrameIn>(OnFrame);
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_local))
            {
                Context.Stop(Self);
            }
        });
    }

    private void OnLocalData(BridgeData data)
    {
        // A bridge message holds at most one SSH packet (32 KiB); a frame takes 64 KiB, so this loops once.
        for (var offset = 0; offset < data.Length; offset += RelayFrame.MaxPayload)
        {
            var length = Math.Min(RelayFrame.MaxPayload, data.Length - offset);
            _writer.Enqueue(OutboundFrame.Data(_streamId, data.Buffer, data.Offset + offset, length));
        }
    }

    private void OnLocalAck(BridgeAck ack)
    {
        // The local channel passed these bytes on: the far sender may send as many again.
        _received.Released(ack.Length);
        if (_received.TryTakeAdjustment(out var grant))
        {
            _writer.Enqueue(OutboundFrame.Grant(_streamId, grant));
        }
    }

    private void OnFrame(LinkFrameIn frame)
    {
        switch (frame.Type)
        {
            case RelayFrameType.Data:
                if (!_received.TryConsume(frame.Data!.Length, out _))
                {
                    // The other node sent past the window its channel was given: a bug or a stranger; end the stream.
                    _local.Tell(BridgeClose.Instance);
                    Context.Stop(Self);
                    return;
                }

                _local.Tell(new BridgeData(frame.Data, 0, frame.Data.Length));
                break;
            case RelayFrameType.Credit:
                _local.Tell(new BridgeAck((int)Math.Min(frame.Credit, int.MaxValue)));
                break;
            case RelayFrameType.Eof:
                _local.Tell(BridgeEof.Instance);
                break;
            case RelayFrameType.Close:
                _closeReceived = true;
                _local.Tell(BridgeClose.Instance);
                Context.Stop(Self);
                break;
        }
    }

    private void SendClose()
    {
        if (!_closeSent && !_closeReceived)
        {
            _closeSent = true;
            _writer.Enqueue(OutboundFrame.Signal(RelayFrameType.Close, _streamId));
        }
    }
}
