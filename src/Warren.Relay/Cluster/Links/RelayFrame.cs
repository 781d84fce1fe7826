namespace Warren.Relay.Cluster.Links;

/// <summary>
/// One frame on a relay link: <c>type (1) | stream id (4, big-endian) | payload length (4,
/// big-endian) | payload</c>. <see cref="Payload"/> is a slice of the buffer the frame was read
/// from; it is valid only as long as that buffer is.
/// </summary>
internal readonly record struct RelayFrame(RelayFrameType Type, uint StreamId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Type, stream id and payload length.</summary>
    public const int HeaderSize = 9;

    /// <summary>
    /// The largest payload a link accepts: one SSH maximum packet (32 KiB) of data fits with room
    /// to spare. A longer length is malformed and ends the link before anything is allocated.
    /// </summary>
    public const int MaxPayload = 64 * 1024;

    /// <summary>The whole frame's size on the wire.</summary>
    public int Size => HeaderSize + Payload.Length;
}
