using Akka.Actor;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// One side of a bridge between two SSH channels (a visitor's <c>direct-tcpip</c> and a
/// publisher's <c>forwarded-tcpip</c>), possibly on two connections. CHANNEL_DATA from this
/// side's client goes to the peer actor as <see cref="BridgeData"/>; the peer sends it on within
/// its client's window and maximum packet, and its connection answers <see cref="BridgeAck"/> once
/// the transport has sent them; only then is this client's window widened (RFC 4254 §5.2). So SSH flow control runs end to end and each side
/// holds at most one receive window of the other's bytes. EOF maps to EOF, CLOSE to CLOSE, and a
/// peer that stops closes the channel.
/// <code>
///   (opening: subclass) --EnterOpen--> Open --CLOSE sent and CLOSE received--> stopped
/// </code>
/// </summary>
public abstract class BridgedChannelActor : ReceiveActor
{
    /// <summary>The receive window offered to each client of a bridge (OpenSSH's CHAN_TCP_WINDOW_DEFAULT).</summary>
    internal const uint LocalWindow = 2 * 1024 * 1024;

    /// <summary>The largest CHANNEL_DATA accepted (OpenSSH's CHAN_TCP_PACKET_DEFAULT).</summary>
    internal const uint LocalMaximumPacket = 32 * 1024;

    private readonly ChannelReceiveWindow _receive = new(LocalWindow, LocalMaximumPacket);
    private readonly Queue<BridgeData> _pending = new();
    private readonly TimeSpan? _idleTimeout;
    private readonly Metrics.WindowWait _windowWait = new();
    private ChannelSendWindow? _send;
    private IActorRef _peer = ActorRefs.Nobody;
    private uint _remote;
    private int _headOffset;
    private bool _eofPending;
    private bool _eofSent;
    private bool _peerGone;
    private bool _closeSent;

    /// <param name="localChannel">This side's channel number on its connection.</param>
    /// <param name="idleTimeout">Close the bridge after this long without a message either way (Forwarding:IdleTimeout); null: never.</param>
    protected BridgedChannelActor(uint localChannel, TimeSpan? idleTimeout = null)
    {
        LocalChannel = localChannel;
        Connection = Context.Parent;
        _idleTimeout = idleTimeout;
    }

    /// <summary>This side's channel number on its connection.</summary>
    protected uint LocalChannel { get; }

    /// <summary>The connection actor (the parent), which sends outbound messages in order.</summary>
    protected IActorRef Connection { get; }

    /// <summary>Starts relaying: the channel is confirmed on this side and <paramref name="peer"/> is the other side.</summary>
    protected void EnterOpen(uint remoteChannel, uint remoteWindow, uint remoteMaximumPacket, IActorRef peer, bool peerGone)
    {
        _remote = remoteChannel;
        _send = new ChannelSendWindow(remoteWindow, remoteMaximumPacket);
        _peer = peer;
        Context.Watch(peer);
        Become(Open);

        // Every message in Open is progress (data, acks, window, EOF), so the receive timeout is the idle timer.
        Context.SetReceiveTimeout(_idleTimeout);
        if (peerGone)
        {
            OnPeerGone();
        }
    }

    /// <summary>
    /// A channel stopped by a fault (or by its connection) still ends its SSH channel properly:
    /// an open one sends CLOSE if it has not; one not yet open leaves it to <see cref="OnStoppedBeforeOpen"/>.
    /// On a clean end CLOSE went out already and nothing is sent.
    /// </summary>
    protected override void PostStop()
    {
        if (_send is not null)
        {
            SendClose();
        }
        else
        {
            OnStoppedBeforeOpen();
        }

        _windowWait.Clear();
        base.PostStop();
    }

    /// <summary>Called from <see cref="PostStop"/> when the channel never opened: answer the client's open if it is still waiting.</summary>
    protected virtual void OnStoppedBeforeOpen()
    {
    }

    /// <summary>Sends a connection-protocol message to this side's client.</summary>
    protected void Send(byte[] payload) => Connection.Tell(new ChannelOutbound(payload));

    private void Open()
    {
        Receive<ChannelInbound>(inbound => OnClientMessage(inbound.Payload));
        Receive<BridgeData>(data =>
        {
            _pending.Enqueue(data);
            Flush();
        });
        Receive<BridgeAck>(ack => Release(ack.Length));
        Receive<BridgeEof>(_ =>
        {
            _eofPending = true;
            Flush();
        });
        Receive<BridgeClose>(_ => OnPeerGone());
        Receive<ReceiveTimeout>(_ => OnIdle());
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_peer))
            {
                OnPeerGone();
            }
        });
    }

    private void OnClientMessage(byte[] payload)
    {
        switch (payload[0])
        {
            case SshMessageNumber.ChannelData:
                if (!ChannelData.TryRead(payload, out _, out var offset, out var length))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed CHANNEL_DATA");
                }

                Consume(length);
                if (_peerGone || _closeSent || length == 0)
                {
                    Release(length);
                }
                else
                {
                    _peer.Tell(new BridgeData(payload, offset, length));
                }

                break;
            case SshMessageNumber.ChannelExtendedData:
                // A TCP forward has no stderr; count the bytes against the window and drop them.
                var extended = Math.Max(0, payload.Length - ChannelExtendedData.HeaderSize);
                Consume(extended);
                Release(extended);
                break;
            case SshMessageNumber.ChannelWindowAdjust:
                if (!ChannelWindowAdjust.TryRead(payload, out var adjust) || !_send!.TryAdjust(adjust.BytesToAdd, out _))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "bad WINDOW_ADJUST");
                }

                Flush();
                break;
            case SshMessageNumber.ChannelEof:
                if (!_peerGone)
                {
                    _peer.Tell(BridgeEof.Instance);
                }

                break;
            case SshMessageNumber.ChannelClose:
                if (!_peerGone)
                {
                    _peer.Tell(BridgeClose.Instance);
                }

                SendClose();
                Context.Stop(Self);
                break;
            case SshMessageNumber.ChannelRequest:
                // RFC 4254 §5.4: a request this side does not know gets CHANNEL_FAILURE.
                if (ChannelRequest.TryRead(payload, out var request, out _) && request.WantReply)
                {
                    var failure = new byte[ChannelFailure.Size];
                    new ChannelFailure(_remote).WriteTo(failure);
                    Send(failure);
                }

                break;
        }
    }

    private void Consume(int length)
    {
        if (!_receive.TryConsume(length, out var reason, out var description))
        {
            throw new SshProtocolException(reason, description);
        }
    }

    private void Release(int length)
    {
        _receive.Released(length);
        if (!_closeSent && _receive.TryTakeAdjustment(out var grant))
        {
            var adjust = new byte[ChannelWindowAdjust.Size];
            new ChannelWindowAdjust(_remote, grant).WriteTo(adjust);
            Send(adjust);
        }
    }

    private void Flush()
    {
        // Never more than the client's window and maximum packet (RFC 4254 §5.2); the rest waits.
        while (!_closeSent && _pending.TryPeek(out var head))
        {
            if (!_send!.TryReserve(head.Length - _headOffset, out var granted))
            {
                return;
            }

            var payload = new byte[ChannelData.HeaderSize + granted];
            ChannelData.WriteTo(payload, _remote, head.Buffer.AsSpan(head.Offset + _headOffset, granted));
            _send.Commit(granted, granted);

            // The peer widens its client's window when the transport has sent these bytes, not before.
            Connection.Tell(new ChannelOutbound(payload, _peer, new BridgeAck(granted)));
            _headOffset += granted;
            if (_headOffset == head.Length)
            {
                _pending.Dequeue();
                _headOffset = 0;
            }
        }

        _windowWait.Set(_pending.Count > 0 && !_closeSent);
        if (_pending.Count == 0 && _eofPending && !_eofSent && !_closeSent)
        {
            _eofSent = true;
            var eof = new byte[ChannelEof.Size];
            new ChannelEof(_remote).WriteTo(eof);
            Send(eof);
        }

        if (_pending.Count == 0 && _peerGone)
        {
            SendClose();
        }
    }

    private void OnIdle()
    {
        // Both sides end: the peer closes its channel too, this one after EOF.
        Context.SetReceiveTimeout(null);
        if (!_peerGone)
        {
            _peer.Tell(BridgeClose.Instance);
        }

        OnPeerGone();
    }

    private void OnPeerGone()
    {
        _peerGone = true;
        _eofPending = true;
        Flush();
    }

    private void SendClose()
    {
        // The actor lives on until the client's CLOSE arrives, so the channel number stays routed (RFC 4254 §5.3).
        if (_closeSent)
        {
            return;
        }

        _closeSent = true;
        var close = new byte[ChannelClose.Size];
        new ChannelClose(_remote).WriteTo(close);
        Send(close);
    }
}
