using System.Buffers;
using Akka.Actor;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// The receiving half of a relay link: reads into one buffer, cuts it into frames with
/// <see cref="RelayFrameCodec"/>, and tells the link actor each stream frame. The task ends
/// when the peer closes (result null) or sends something that is not a frame (result says why);
/// a socket error ends it with the exception.
/// </summary>
internal static class LinkReader
{
    private const int BufferSize = 256 * 1024;

    public static async Task<string?> RunAsync(Stream stream, IActorRef link, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return filled == 0 ? null : "the link closed in the middle of a frame";
                }

                Metrics.RelayMetrics.CountLinkBytes(read, sent: false);
                filled += read;
                var used = 0;
                while (true)
                {
                    var result = RelayFrameCodec.TryRead(buffer.AsMemory(used, filled - used), out var frame, out var problem);
                    if (result == RelayFrameReadResult.Malformed)
                    {
                        return problem;
                    }

                    if (result == RelayFrameReadResult.NeedMore)
                    {
                        break;
                    }

                    if (frame.StreamId == 0)
                    {
                        return $"{frame.Type} frame after the handshake";
                    }

                    link.Tell(ToMessage(frame));
                    used += frame.Size;
                }

                // Keep the start of a partial frame at the front; a whole frame always fits (MaxPayload is far below the buffer).
                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                filled -= used;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static LinkFrameIn ToMessage(in RelayFrame frame) => frame.Type switch
    {
        // The bytes become a bridge message that the channel keeps until its client's window opens: a copy of their own.
        RelayFrameType.Data => new LinkFrameIn(frame.Type, frame.StreamId, frame.Payload.ToArray(), 0),
        RelayFrameType.Credit => new LinkFrameIn(frame.Type, frame.StreamId, null, RelayFrameCodec.ReadCredit(frame)),
        _ => new LinkFrameIn(frame.Type, frame.StreamId, null, 0),
    };
}
