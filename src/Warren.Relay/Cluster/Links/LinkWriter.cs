using System.Buffers;
using System.Threading.Channels;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// The sending half of a relay link. Stream actors enqueue frames from any thread; one loop
/// drains whatever is queued into a batch buffer and writes it with one call, so many small
/// frames (credits, a burst of data from many streams) cost one system call.
/// </summary>
/// <remarks>
/// The queue has no fixed bound, yet it is bounded: a stream only sends data its peer granted
/// (one SSH window per stream, see <see cref="LinkStreamActor"/>), and credits and signals are a
/// few per data frame.
/// </remarks>
internal sealed class LinkWriter
{
    /// <summary>Room for several full data frames per write.</summary>
    private const int BatchSize = 256 * 1024;

    private readonly Channel<OutboundFrame> _queue = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    /// <summary>Queues a frame; false once the link is closing (the frame is dropped with the link).</summary>
    public bool Enqueue(in OutboundFrame frame) => _queue.Writer.TryWrite(frame);

    /// <summary>No more frames: the loop writes what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes frames until <see cref="Complete"/> or a write fails (the exception ends the task).</summary>
    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        var batch = ArrayPool<byte>.Shared.Rent(BatchSize);
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var used = 0;
                while (batch.Length - used >= RelayFrame.HeaderSize + RelayFrame.MaxPayload && reader.TryRead(out var frame))
                {
                    used += frame.WriteTo(batch.AsSpan(used));
                }

                await stream.WriteAsync(batch.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                Metrics.RelayMetrics.CountLinkBytes(used, sent: true);
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
            ArrayPool<byte>.Shared.Return(batch);
        }
    }
}
