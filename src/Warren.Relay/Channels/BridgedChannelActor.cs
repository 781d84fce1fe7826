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
    internal const uint LocalWindow = ClientChannel.LocalWindow;

    /// <summary>The largest CHANNEL_DATA accepted (OpenSSH's CHAN_TCP_PACKET_DEFAULT).</summary>
    internal const uint LocalMaximumPacket = ClientChannel.LocalMaximumPacket;

    private readonly Queue<BridgeData> _pending = new();
    private readonly ClientChannel _client;
    private readonly TimeSpan? _idleTimeout;
    private readonly Metrics.WindowWait _windowWait = new();
    private ChannelSendWindow? _send;
    private IActorRef _peer = ActorRefs.Nobody;
    private int _headOffset;
    private bool _eofPending;
    private bool _peerGone;

    // The peer is on another node: its bytes count as relay-link traffic.

    /// <param name="localChannel">This side's channel number on its connection.</param>
    /// <param name="idleTimeout">Close the bridge after this long without a message either way (Forwarding:IdleTimeout); null: never.</param>
    protected BridgedChannelActor(uint localChannel, TimeSpan? idleTimeout = null)
    {
        LocalChannel = localChannel;
        Connection = Context.Parent;
        _idleTimeout = idleTimeout;
        _client = new ClientChannel(Connection);
    }

    /// <summary>This side's channel number on its connection.</summary>
    protected uint LocalChannel { get; }

    /// <summary>The connection actor (the parent), which sends outbound messages in order.</summary>
    protected IActorRef Connection { get; }

    /// <summary>The per-tunnel series this side counts its bytes in (the publisher's side, with --metrics-per-tunnel); null: none.</summary>
    protected Metrics.TunnelCounters? TunnelCounters { get; init; }

    /// <summary>Starts relaying: the channel is confirmed on this side and <paramref name="peer"/> is the other side.</summary>
    protected void EnterOpen(uint remoteChannel, uint remoteWindow, uint remoteMaximumPacket, IActorRef peer, bool peerGone)
    {
        _client.Remote = remoteChannel;
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
            _client.SendClose();
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
        Receive<BridgeAck>(ack => _client.Release(ack.Length));
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
        switch (_client.Read(payload, out var offset, out var length, out var bytesToAdd))
        {
            case ClientMessage.Data:
                if (_peerGone || _client.CloseSent || length == 0)
                {
                    _client.Release(length);
                }
                else
                {
                    TunnelCounters?.In.Inc(length);
                    _peer.Tell(new BridgeData(payload, offset, length));
                }

                break;
            case ClientMessage.WindowAdjust:
                ClientChannel.Adjust(_send!, bytesToAdd);
                Flush();
                break;
            case ClientMessage.Eof:
                if (!_peerGone)
                {
                    _peer.Tell(BridgeEof.Instance);
                }

                break;
            case ClientMessage.Close:
                if (!_peerGone)
                {
                    _peer.Tell(BridgeClose.Instance);
                }

                _client.SendClose();
                Context.Stop(Self);
                break;
        }
    }

    private void Flush()
    {
        // Never more than the client's window and maximum packet (RFC 4254 §5.2); the rest waits.
        while (!_client.CloseSent && _pending.TryPeek(out var head))
        {
            if (!_send!.TryReserve(head.Length - _headOffset, out var granted))
            {
                return;
            }

            var payload = new byte[ChannelData.HeaderSize + granted];
            ChannelData.WriteTo(payload, _client.Remote, head.Buffer.AsSpan(head.Offset + _headOffset, granted));
            _send.Commit(granted, granted);
            TunnelCounters?.Out.Inc(granted);

            // The peer widens its client's window when the transport has sent these bytes, not before.
            Connection.Tell(new ChannelOutbound(payload, _peer, new BridgeAck(granted)));
            _headOffset += granted;
            if (_headOffset == head.Length)
            {
                _pending.Dequeue();
                _headOffset = 0;
            }
        }

        _windowWait.Set(_pending.Count > 0 && !_client.CloseSent);
        if (_pending.Count == 0 && _eofPending)
        {
            _client.SendEof();
        }

        if (_pending.Count == 0 && _peerGone)
        {
            // The actor lives on until the client's CLOSE arrives, so the channel number stays routed (RFC 4254 §5.3).
            _client.SendClose();
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
}
