using System.Net.Sockets;
using Akka.Actor;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>The socket I/O: one read and one write task at a time, each piped back to the actor as a message.</summary>
public sealed partial class ForwardedSocketActor
{
    private static TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    private void Touch() => _lastActivity = Now;

    /// <summary>A reset, on either direction, is the TCP peer's doing; any other failure blames the side that failed.</summary>
    private static SocketCloseReason Classify(Exception error, bool reading) => error switch
    {
        // EPIPE surfaces as Shutdown on Unix: the peer reset while we were writing.
        SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted } => SocketCloseReason.Reset,
        SocketException { SocketErrorCode: SocketError.Shutdown } when !reading => SocketCloseReason.Reset,
        _ => reading ? SocketCloseReason.SourceError : SocketCloseReason.DestinationError,
    };

    /// <summary>
    /// Waits for data without a buffer, then rents one and reads at most <paramref name="limit"/> bytes
    /// at <see cref="PacketBuffer.DataOffset"/>. A buffer with data goes to the actor through
    /// <paramref name="read"/>; on EOF or failure the task returns what it rented.
    /// </summary>
    private async Task<object> ReadAsync(SocketReadOperation read, int limit, CancellationToken stopping)
    {
        try
        {
            // Zero-byte read: completes when data (or FIN, or RST) arrives, holding no pooled memory.
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, stopping).ConfigureAwait(false);
            if (!_pool.TryRent(out var buffer))
            {
                return ReadStalled.Instance;
            }

            int received;
            try
            {
                var target = buffer.Memory.Slice(PacketBuffer.DataOffset, Math.Min(limit, buffer.DataCapacity));
                received = await _socket.ReceiveAsync(target, SocketFlags.None, stopping).ConfigureAwait(false);
            }
            catch
            {
                buffer.Return();
                throw;
            }

            if (received == 0)
            {
                buffer.Return();
            }
            else if (!read.TryDeliver(buffer))
            {
                // The actor stopped while this read ran; the result goes to dead letters, the buffer home.
                buffer.Return();
            }

            return new ReadCompleted(received);
        }
        catch (Exception e)
        {
            // Every failure comes back as a message: a faulted task would reach the actor as an
            // unhandled Status.Failure and leave it waiting for a read that never ends.
            return new ReadFailed(e);
        }
    }

    /// <summary>Writes all of <paramref name="write"/>; the task owns its buffer and returns it however the write ends.</summary>
    private async Task<object> WriteAsync(SocketWrite write, CancellationToken stopping)
    {
        try
        {
            var data = write.Buffer.Memory.Slice(write.Offset, write.Length);
            var sent = 0;
            while (sent < data.Length)
            {
                sent += await _socket.SendAsync(data[sent..], SocketFlags.None, stopping).ConfigureAwait(false);
            }

            return new WriteCompleted(write.Length);
        }
        catch (Exception e)
        {
            return new WriteFailed(e);
        }
        finally
        {
            write.Buffer.Return();
        }
    }

    /// <summary>A read ended: 0 bytes is the TCP peer's FIN; otherwise the buffer is in the read operation.</summary>
    private sealed record ReadCompleted(int Bytes);

    /// <summary>Data is waiting but the pool is exhausted.</summary>
    private sealed record ReadStalled
    {
        public static ReadStalled Instance { get; } = new();
    }

    private sealed record ReadFailed(Exception Error);

    private sealed record WriteCompleted(int Bytes);

    private sealed record WriteFailed(Exception Error);

    private sealed record RetryRead
    {
        public static RetryRead Instance { get; } = new();
    }

    private sealed record IdleTick
    {
        public static IdleTick Instance { get; } = new();
    }
}
