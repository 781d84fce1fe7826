using Akka.Actor;
using Warren.Relay.Forwarding;
using Warren.Ssh;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// A channel bridged to a real TCP socket: <c>direct-tcpip</c> to a host allowed by --permit-open
/// (ssh -L, -W, -D), or <c>forwarded-tcpip</c> for a visitor of a relay port (ssh -R 0:...). Its
/// child <c>socket</c> (<see cref="ForwardedSocketActor"/>) owns the socket; this actor maps SSH
/// channel messages to socket messages and back.
/// <code>
///   Opening (forwarded-tcpip) --OPEN_CONFIRMATION--> Open --CLOSE sent, CLOSE received, socket stopped--> stopped
///      |                                              ^
///      +--OPEN_FAILURE--> stopped                     |
///   (direct-tcpip: confirmed at start) ---------------+
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Client to socket: CHANNEL_DATA is copied into a pooled buffer (several small messages share one)
/// and sent as <see cref="SocketWrite"/>; the client's window is widened (WINDOW_ADJUST) only when
/// the socket reports <see cref="SocketWritten"/>. So the bytes held are bounded by the receive
/// window, and the buffers by window / maximum packet plus <see cref="MaxWritesInFlight"/>.
/// </para>
/// <para>
/// Socket to client: the socket reads only within the client's window (its credit starts at the
/// client's initial window and grows with each WINDOW_ADJUST as <see cref="SocketGrant"/>), and each
/// <see cref="SocketData"/> goes to the connection as <see cref="ChannelDataOutbound"/>, which
/// sends it without a copy and returns the buffer.
/// </para>
/// <para>EOF maps to a half-close both ways; CLOSE, a reset or a socket error closes the channel.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class SocketChannelActor : ReceiveActor, IWithTimers
{
    /// <summary>The receive window offered to the client (OpenSSH's CHAN_TCP_WINDOW_DEFAULT).</summary>
    internal const uint LocalWindow = ClientChannel.LocalWindow;

    /// <summary>The largest CHANNEL_DATA accepted (OpenSSH's CHAN_TCP_PACKET_DEFAULT).</summary>
    internal const uint LocalMaximumPacket = ClientChannel.LocalMaximumPacket;

    /// <summary>How long the socket may take to flush and close after the channel closed.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    private readonly SocketChannelStart _start;
    private readonly IActorRef _connection;
    private readonly PacketBufferPool _pool;
    private readonly ClientChannel _client;
    private ChannelSendWindow? _send;
    private IActorRef _socket = ActorRefs.Nobody;
    private bool _closeReceived;
    private bool _socketTold;
    private bool _socketGone;

    /// <summary>Props for the channel; ownership of <see cref="SocketChannelStart.Socket"/> passes to the actor.</summary>
    public static Props Props(SocketChannelStart start) => Akka.Actor.Props.Create(() => new SocketChannelActor(start));

    /// <summary>The parent is the connection.</summary>
    public SocketChannelActor(SocketChannelStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Pool.BufferSize - PacketBuffer.DataOffset - PacketBuffer.TrailerSize < LocalMaximumPacket)
        {
            throw new ArgumentException("the pool's buffers must hold one maximum CHANNEL_DATA", nameof(start));
        }

        _start = start;
        _pool = start.Pool;
        _connection = Context.Parent;
        _client = new ClientChannel(_connection);
        Opening();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The relay's channel number.</summary>
    private uint LocalChannel => _start.LocalChannel;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_start.Remote is { } remote)
        {
            var confirmation = new byte[ChannelOpenConfirmation.Size];
            new ChannelOpenConfirmation(remote.Channel, LocalChannel, LocalWindow, LocalMaximumPacket).WriteTo(confirmation);
            Send(confirmation);
            EnterOpen(remote.Channel, remote.Window, remote.MaximumPacket);
            return;
        }

        var open = _start.Open!.Value;
        var message = new byte[open.GetOpenSize()];
        open.WriteOpenTo(message, LocalChannel, LocalWindow, LocalMaximumPacket);
        Send(message);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        // Stopped by a fault or by the connection: an open channel still ends with CLOSE (sent once).
        if (_send is not null)
        {
            _client.SendClose();
        }

        ReturnOpenBuffer();
        if (_socket.IsNobody())
        {
            // Never handed to a socket actor (the client refused the channel, or the connection stopped first).
            _start.Socket.Dispose();
        }
    }

    private void Opening()
    {
        Receive<ChannelInbound>(inbound =>
        {
            switch (inbound.Payload[0])
            {
                case SshMessageNumber.ChannelOpenConfirmation:
                    var confirmation = ClientChannel.ReadConfirmation(inbound.Payload);
                    EnterOpen(confirmation.SenderChannel, confirmation.InitialWindowSize, confirmation.MaximumPacketSize);
                    break;
                case SshMessageNumber.ChannelOpenFailure:
                    // The client could not reach its service: the visitor's connection just closes.
                    Context.Stop(Self);
                    break;
                default:
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {inbound.Payload[0]} for a channel not yet confirmed");
            }
        });
        Receive<ChannelInboundData>(data =>
        {
            data.Buffer.Return();
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "CHANNEL_DATA for a channel not yet confirmed");
        });
    }

    private void EnterOpen(uint remoteChannel, uint remoteWindow, uint remoteMaximumPacket)
    {
        _client.Remote = remoteChannel;
        _send = new ChannelSendWindow(remoteWindow, remoteMaximumPacket);
        if (!TrySendPreamble(remoteChannel))
        {
            Context.Stop(Self);
            return;
        }

        var credit = remoteWindow - (uint)_start.Preamble.Length;
        var chunk = Math.Max(1u, Math.Min(remoteMaximumPacket, (uint)(_pool.BufferSize - PacketBuffer.DataOffset - PacketBuffer.TrailerSize)));
        _socket = Context.ActorOf(ForwardedSocketActor.Props(_start.Socket, _pool, new ForwardedSocketOptions(credit, chunk, _start.IdleTimeout)), "socket");
        Context.Watch(_socket);
        Become(Open);
    }

    /// <summary>The preamble (a PROXY header) as the channel's first data; false when the client's window or packet size cannot take it whole.</summary>
    private bool TrySendPreamble(uint remoteChannel)
    {
        var preamble = _start.Preamble;
        if (preamble.Length == 0)
        {
            return true;
        }

        if (!_send!.TryReserve(preamble.Length, out var granted) || granted != preamble.Length)
        {
            _send.Commit(granted, 0);
            return false;
        }

        _send.Commit(granted, granted);
        var payload = new byte[ChannelData.HeaderSize + preamble.Length];
        ChannelData.WriteTo(payload, remoteChannel, preamble);
        Send(payload);
        return true;
    }

    private void Open()
    {
        Receive<ChannelInbound>(inbound => OnClientMessage(inbound.Payload));
        Receive<ChannelInboundData>(OnClientPooledData);
        Receive<SocketData>(OnSocketData);
        Receive<SocketWritten>(OnSocketWritten);
        Receive<SocketEof>(_ => OnSocketEof());
        Receive<SocketClosed>(_ => OnSocketClosed());
        Receive<FlushWrites>(_ => OnFlushWrites());
        Receive<RetryRent>(_ => OnRetryRent());
        Receive<CloseTimedOut>(_ => Context.Stop(Self));
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_socket))
            {
                _socketGone = true;
                _client.SendClose();
                TryStop();
            }
        });
    }

    private void OnClientMessage(byte[] payload)
    {
        switch (_client.Read(payload, out var offset, out var length, out var bytesToAdd))
        {
            case ClientMessage.Data:
                OnClientData(payload, offset, length);
                break;
            case ClientMessage.WindowAdjust:
                ClientChannel.Adjust(_send!, bytesToAdd);
                _socket.Tell(new SocketGrant((int)Math.Min(bytesToAdd, int.MaxValue)));
                break;
            case ClientMessage.Eof:
                OnClientEof();
                break;
            case ClientMessage.Close:
                _closeReceived = true;
                CloseSocket();
                _client.SendClose();
                TryStop();
                break;
        }
    }

    private void OnSocketEof() => _client.SendEof();

    private void OnSocketClosed()
    {
        // A reset or an error ends the channel as a normal close does: SSH has no "abort" for a channel.
        CloseSocket();
        _client.SendClose();
        TryStop();
    }

    /// <summary>The socket's last message from us: it flushes what it has, closes and stops.</summary>
    private void CloseSocket()
    {
        FlushOpenBuffer();
        _stalled.Clear();
        if (!_socketTold)
        {
            _socketTold = true;
            _socket.Tell(SocketClose.Instance);
            Timers.StartSingleTimer(CloseTimedOut.Instance, CloseTimedOut.Instance, CloseTimeout);
        }
    }

    private void TryStop()
    {
        if (_client.CloseSent && _closeReceived && _socketGone)
        {
            Context.Stop(Self);
        }
    }

    private void Send(byte[] payload) => _client.Send(payload);

    private sealed record CloseTimedOut
    {
        public static CloseTimedOut Instance { get; } = new();
    }
}
