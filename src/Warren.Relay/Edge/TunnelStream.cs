using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Warren.Relay.Channels;

namespace Warren.Relay.Edge;

/// <summary>
/// A visitor's duplex byte stream to a tunnel's client, over one <c>forwarded-tcpip</c> channel:
/// what the edge (Kestrel, the HTTP handler, a TLS splice) reads and writes.
/// </summary>
/// <remarks>
/// Reading: <see cref="TunnelStreamActor"/> puts the channel's bytes into a pipe; a read takes
/// them out and only then acks them to the channel, so the publisher's SSH window widens as fast
/// as the visitor takes the bytes (backpressure end to end). The channel never has more than its
/// receive window outstanding, which bounds the pipe.
/// Writing: bytes go to the channel as <see cref="BridgeData"/>, at most
/// <see cref="BridgedChannelActor.LocalWindow"/> of them un-acked (the channel queues what it is
/// given, so the writer must bound itself); a write waits for acks.
/// End of input (EOF or close from the tunnel) makes a read return 0; <see cref="CompleteWrites"/>
/// half-closes; disposing closes the channel (a reset is a close).
/// Threading: one reader and one writer at a time (the <see cref="Stream"/> contract); the actor
/// calls the <c>On*</c> methods from its own thread.
/// </remarks>
internal sealed class TunnelStream : Stream
{
    /// <summary>Bytes per <see cref="BridgeData"/>: one SSH packet's worth, the channel sends no larger.</summary>
    private const int ChunkSize = (int)BridgedChannelActor.LocalMaximumPacket;

    // The window bounds the pipe, so the pipe itself never pauses the actor (which must not block).
    private readonly Pipe _inbound = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly Lock _gate = new();
    private readonly IActorRef _owner;
    private readonly Metrics.RelayEdge _edge;
    private readonly long _startedAt;
    private bool _answered;
    private IActorRef _channel = ActorRefs.Nobody;
    private long _unacked;
    private bool _writesClosed;
    private bool _inputEnded;
    private int _disposed;
    private TaskCompletionSource? _creditWaiter;

    /// <param name="edge">The listener the visitor came through, for <c>warren_relayed_bytes_total{edge}</c>.</param>
    public TunnelStream(IActorRef owner, Metrics.RelayEdge edge = Metrics.RelayEdge.Http)
    {
        _owner = owner;
        _edge = edge;
        _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>The tunnel this stream reaches.</summary>
    public string Tunnel { get; private set; } = string.Empty;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var reader = _inbound.Reader;
        var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var available = result.Buffer;
        if (available.IsEmpty)
        {
            reader.AdvanceTo(available.End);
            return 0;
        }

        var count = (int)Math.Min(available.Length, buffer.Length);
        available.Slice(0, count).CopyTo(buffer.Span);
        reader.AdvanceTo(available.GetPosition(count));

        // The bytes left the tunnel's keeping: the publisher may send as many more.
        _channel.Tell(new BridgeAck(count));

        // Read here, they go out to the visitor. The HTTP edge times its own responses; TLS is timed to the first byte.
        Metrics.RelayMetrics.CountRelayed(count, inbound: false, _edge);
        if (!_answered && _edge != Metrics.RelayEdge.Http)
        {
            _answered = true;
            Metrics.RelayMetrics.EdgeResponded(_edge, System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt));
        }
        return count;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, ChunkSize);
            await TakeCreditAsync(count, cancellationToken).ConfigureAwait(false);

            // The channel keeps the array until it has sent the bytes; the caller's buffer is reused.
            _channel.Tell(new BridgeData(buffer[..count].ToArray(), 0, count));
            Metrics.RelayMetrics.CountRelayed(count, inbound: true, _edge);
            buffer = buffer[count..];
        }
    }

    /// <summary>Half-closes: the tunnel's client gets EOF once the bytes written so far are sent.</summary>
    public void CompleteWrites()
    {
        lock (_gate)
        {
            if (_writesClosed)
            {
                return;
            }

            _writesClosed = true;
        }

        _channel.Tell(BridgeEof.Instance);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous I/O exists for the Stream contract only; the edge uses the async methods.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
        // Every write is handed to the channel at once; there is nothing to flush.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The channel is open: bytes may flow (actor thread).</summary>
    internal void OnOpened(string tunnel, IActorRef channel)
    {
        Tunnel = tunnel;
        _channel = channel;
    }

    /// <summary>Bytes from the tunnel's client (actor thread). The pipe copies them; the channel's array is not kept.</summary>
    internal void OnData(BridgeData data)
    {
        if (_inputEnded)
        {
            // Nobody will read them; ack so the channel's accounting stays whole.
            _channel.Tell(new BridgeAck(data.Length));
            return;
        }

        var writer = _inbound.Writer;
        writer.Write(data.Buffer.AsSpan(data.Offset, data.Length));

        Settle(writer.FlushAsync());
    }

    /// <summary>Bytes written to the tunnel were sent on (actor thread).</summary>
    internal void OnAck(int length)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _unacked -= length;
            waiter = _creditWaiter;
            _creditWaiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>The tunnel's client sent EOF, or the channel is gone: reads end after the bytes already here (actor thread).</summary>
    internal void OnInputEnded()
    {
        if (_inputEnded)
        {
            return;
        }

        _inputEnded = true;
        _inbound.Writer.Complete();
    }

    /// <summary>The channel is gone: input ends and writes fail from now on (actor thread).</summary>
    internal void OnClosed()
    {
        OnInputEnded();
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _writesClosed = true;
            waiter = _creditWaiter;
            _creditWaiter = null;
        }

        waiter?.TrySetResult();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inbound.Reader.Complete();
            lock (_gate)
            {
                _writesClosed = true;
            }

            _owner.Tell(TunnelStreamDisposed.Instance);
        }

        base.Dispose(disposing);
    }

    private static void Settle(ValueTask<FlushResult> flush)
    {
        // No pause threshold: the flush has completed already and the actor never waits here.
        if (flush.IsCompleted)
        {
            flush.GetAwaiter().GetResult();
        }
        else
        {
            _ = flush.AsTask();
        }
    }

    private async ValueTask TakeCreditAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_writesClosed)
                {
                    throw new IOException($"the tunnel '{Tunnel}' is closed for writing");
                }

                if (_unacked + count <= BridgedChannelActor.LocalWindow)
                {
                    _unacked += count;
                    return;
                }

                _creditWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _creditWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
