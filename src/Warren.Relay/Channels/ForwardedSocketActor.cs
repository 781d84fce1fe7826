using System.Net.Sockets;
using Akka.Actor;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>
/// <c>.../&lt;channel-id&gt;/socket</c>: owns one connected TCP socket and moves bytes between it and
/// its parent channel by message only (<see cref="SocketWrite"/> in, <see cref="SocketData"/> out).
/// <code>
///                 TCP FIN read (SocketEof), or
///                 SocketShutdownSend and queued writes drained (shutdown(Send))
///   +------+  ---------------------------------------------->  +------------+
///   | Open |                                                   | HalfClosed |
///   +------+                                                   +------------+
///     |   |   read or write error, reset, idle timeout            |      |  the other half ends (Normal);
///     |   +----------------------------------+                    |      |  error, reset, idle timeout
///     |                                      v                    |      v
///     |                                  +--------+ <-------------+------+
///     |  SocketClose                     | Closed |  socket closed, SocketClosed sent;
///     |  (from HalfClosed too)           +--------+  SocketClose --> stopped
///     v
///   +---------+  no more reads; queued writes drain; socket closed;
///   | Closing |  SocketClosed(Canceled) --> stopped (a socket whose halves both ended is Closed already)
///   +---------+
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Flow control is SSH's: the actor reads only while it holds credit (the SSH peer's window, widened
/// by <see cref="SocketGrant"/>), at most one read of min(credit, max chunk, buffer) in flight, so the
/// bytes it has read and the channel has not yet sent never exceed the peer's window. It waits for
/// data with a zero-byte read before it rents a buffer (as Kestrel does), so an idle connection holds
/// no pooled memory. Writes are queued in order, one in flight; the queue is bounded by the
/// channel's receive window, since the channel forwards only data it accepted within it.
/// </para>
/// <para>
/// Pool exhausted: the pool has no "a buffer came back" signal, and adding one would put a
/// subscriber list on the hot path of every return. Exhaustion is an overload state, so the actor
/// retries after <see cref="RentRetryDelay"/>, and also after each of its own writes, which return
/// buffers. Meanwhile the socket stays unread, which is the backpressure.
/// </para>
/// <para>
/// Buffer ownership: queued writes are the actor's; a write in flight is its task's, which returns
/// the buffer when the write ends; a read's buffer is handed over through <see cref="SocketReadOperation"/>.
/// PostStop closes the socket and returns whatever the actor still owns, however it was stopped.
/// </para>
/// <para>
/// The actor sends <see cref="SocketClosed"/> exactly once and then nothing else. It stops only on
/// <see cref="SocketClose"/> (or when stopped from outside), so a <see cref="SocketWrite"/> the
/// channel sent before its SocketClose is never lost in dead letters with its buffer. When the
/// channel itself is stopped, messages still queued die anyway; <see cref="DeadBufferReclaimer"/>
/// returns their buffers.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class ForwardedSocketActor : ReceiveActor, IWithTimers
{
    /// <summary>How long a read waits before it tries the exhausted pool again.</summary>
    internal static readonly TimeSpan RentRetryDelay = TimeSpan.FromMilliseconds(10);

    private readonly Socket _socket;
    private readonly PacketBufferPool _pool;
    private readonly int _maxChunk;
    private readonly TimeSpan? _idleTimeout;
    private readonly IActorRef _channel;
    private readonly Queue<SocketWrite> _writes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Metrics.WindowWait _windowWait = new();
    private long _credit;
    private SocketReadOperation? _read;
    private bool _writing;
    private bool _receiveEnded;
    private bool _sendEnding;
    private bool _sendEnded;
    private bool _reported;
    private TimeSpan _lastActivity;

    /// <summary>Props for the socket actor; <paramref name="socket"/> is connected and becomes the actor's.</summary>
    public static Props Props(Socket socket, PacketBufferPool pool, ForwardedSocketOptions options) =>
        Akka.Actor.Props.Create(() => new ForwardedSocketActor(socket, pool, options));

    /// <summary>Takes ownership of <paramref name="socket"/>; the parent is the channel.</summary>
    public ForwardedSocketActor(Socket socket, PacketBufferPool pool, ForwardedSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(options.MaxChunk);
        _socket = socket;
        _pool = pool;
        _credit = options.InitialCredit;
        _maxChunk = (int)Math.Min(options.MaxChunk, int.MaxValue);
        _idleTimeout = options.IdleTimeout;
        _channel = Context.Parent;
        Open();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        Touch();
        if (_idleTimeout is { } idle)
        {
            Timers.StartSingleTimer(IdleTick.Instance, IdleTick.Instance, idle);
        }

        TryStartRead();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        CloseSocket();
        if (_read is { } read && !read.TryAbandon())
        {
            read.Buffer.Return();
        }

        _read = null;
        ReturnQueuedWrites();
        _windowWait.Clear();
        _stopping.Dispose();
    }

    private void Open() => Transferring();

    private void HalfClosed() => Transferring();

    private void Transferring()
    {
        Receive<SocketWrite>(OnWrite);
        Receive<SocketGrant>(OnGrant);
        Receive<SocketShutdownSend>(_ => OnShutdownSend());
        Receive<SocketClose>(_ => BeginClosing());
        Receive<ReadCompleted>(OnReadCompleted);
        Receive<ReadStalled>(_ => OnReadStalled());
        Receive<RetryRead>(_ => TryStartRead());
        Receive<ReadFailed>(failed => OnIoFailed(failed.Error, reading: true));
        Receive<WriteCompleted>(OnWriteCompleted);
        Receive<WriteFailed>(failed => OnIoFailed(failed.Error, reading: false));
        Receive<IdleTick>(_ => OnIdleTick());
    }

    private void Closing()
    {
        Receive<SocketWrite>(DropWrite);
        Receive<ReadCompleted>(DropRead);
        Receive<WriteCompleted>(_ =>
        {
            _writing = false;
            Touch();
            DrainThenStop();
        });
        Receive<WriteFailed>(failed =>
        {
            _writing = false;
            Report(Classify(failed.Error, reading: false), failed.Error.Message);
            Context.Stop(Self);
        });
        Receive<IdleTick>(_ =>
        {
            // A peer that stops reading would hold the flush, and the channel, forever.
            if (IsIdle())
            {
                Report(SocketCloseReason.IdleTimeout, "no bytes written while closing");
                Context.Stop(Self);
            }
        });
        ReceiveAny(_ => { });
    }

    private void Closed()
    {
        Receive<SocketWrite>(DropWrite);
        Receive<ReadCompleted>(DropRead);
        Receive<SocketClose>(_ => Context.Stop(Self));
        ReceiveAny(_ => { });
    }
}
