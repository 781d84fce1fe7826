using System.Buffers.Binary;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Reads and writes <see cref="RelayFrame"/>s. Reading never throws on what the network sends:
/// every length is checked against <see cref="RelayFrame.MaxPayload"/> before it is trusted,
/// and a frame that cannot be one is reported as <see cref="RelayFrameReadResult.Malformed"/>
/// with a reason for the log.
/// </summary>
internal static class RelayFrameCodec
{
    /// <summary>Size of a <see cref="RelayFrameType.Credit"/> payload: one big-endian uint32.</summary>
    public const int CreditSize = 4;

    /// <summary>Size of a handshake nonce and of a proof (HMAC-SHA256).</summary>
    public const int NonceSize = 32;

    public static RelayFrameReadResult TryRead(ReadOnlyMemory<byte> buffer, out RelayFrame frame, out string? problem)
    {
        frame = default;
        problem = null;
        var span = buffer.Span;
        if (span.Length < RelayFrame.HeaderSize)
        {
            return RelayFrameReadResult.NeedMore;
        }

        var type = (RelayFrameType)span[0];
        var streamId = BinaryPrimitives.ReadUInt32BigEndian(span[1..]);
        var length = BinaryPrimitives.ReadUInt32BigEndian(span[5..]);
        if (length > RelayFrame.MaxPayload)
        {
            problem = $"frame payload of {length} bytes is over the limit of {RelayFrame.MaxPayload}";
            return RelayFrameReadResult.Malformed;
        }

        if (!IsValidShape(type, streamId, (int)length, out problem))
        {
            return RelayFrameReadResult.Malformed;
        }

        if (span.Length - RelayFrame.HeaderSize < length)
        {
            return RelayFrameReadResult.NeedMore;
        }

        frame = new RelayFrame(type, streamId, buffer.Slice(RelayFrame.HeaderSize, (int)length));
        return RelayFrameReadResult.Frame;
    }

    /// <summary>Writes a frame into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The payload is over the limit or the destination too small (a bug, not input).</exception>
    public static int Write(Span<byte> destination, RelayFrameType type, uint streamId, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, RelayFrame.MaxPayload);
        var size = RelayFrame.HeaderSize + payload.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size);
        destination[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], streamId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)payload.Length);
        payload.CopyTo(destination[RelayFrame.HeaderSize..]);
        return size;
    }

    /// <summary>Writes a <see cref="RelayFrameType.Credit"/> frame granting <paramref name="bytes"/>.</summary>
    public static int WriteCredit(Span<byte> destination, uint streamId, uint bytes)
    {
        Span<byte> payload = stackalloc byte[CreditSize];
        BinaryPrimitives.WriteUInt32BigEndian(payload, bytes);
        return Write(destination, RelayFrameType.Credit, streamId, payload);
    }

    /// <summary>The grant of a <see cref="RelayFrameType.Credit"/> frame (its shape was checked on read).</summary>
    public static uint ReadCredit(in RelayFrame frame) => BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.Span);

    private static bool IsValidShape(RelayFrameType type, uint streamId, int length, out string? problem)
    {
        problem = type switch
        {
            RelayFrameType.Challenge or RelayFrameType.Accept when streamId != 0 || length != NonceSize =>
                $"{type} frame must be on stream 0 with {NonceSize} bytes",
            RelayFrameType.Response when streamId != 0 || length != 2 * NonceSize =>
                $"{type} frame must be on stream 0 with {2 * NonceSize} bytes",
            RelayFrameType.Challenge or RelayFrameType.Accept or RelayFrameType.Response => null,
            RelayFrameType.Data when streamId == 0 || length == 0 => "data frame must name a stream and carry bytes",
            RelayFrameType.Credit when streamId == 0 || length != CreditSize => $"credit frame must name a stream and carry {CreditSize} bytes",
            RelayFrameType.Eof or RelayFrameType.Close or RelayFrameType.Opened when streamId == 0 || length != 0 => $"{type} frame must name a stream and carry nothing",
            RelayFrameType.Data or RelayFrameType.Credit or RelayFrameType.Eof or RelayFrameType.Close or RelayFrameType.Opened => null,
            _ => $"unknown frame type {(byte)type}",
        };
        return problem is null;
    }
}
