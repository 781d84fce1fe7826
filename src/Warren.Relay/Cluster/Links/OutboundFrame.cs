namespace Warren.Relay.Cluster.Links;

/// <summary>
/// A frame waiting in a <see cref="LinkWriter"/>. A data frame refers to the bytes of a bridge
/// message (<see cref="Buffer"/> from <see cref="Offset"/>, <see cref="Length"/> long), which the
/// writer copies into its batch; a credit frame carries <see cref="Credit"/>.
/// </summary>
internal readonly record struct OutboundFrame(RelayFrameType Type, uint StreamId, byte[]? Buffer, int Offset, int Length, uint Credit)
{
    public static OutboundFrame Data(uint streamId, byte[] buffer, int offset, int length) => new(RelayFrameType.Data, streamId, buffer, offset, length, 0);

    public static OutboundFrame Grant(uint streamId, uint bytes) => new(RelayFrameType.Credit, streamId, null, 0, 0, bytes);

    public static OutboundFrame Signal(RelayFrameType type, uint streamId) => new(type, streamId, null, 0, 0, 0);

    public static OutboundFrame Handshake(RelayFrameType type, byte[] payload) => new(type, 0, payload, 0, payload.Length, 0);

    /// <summary>The frame's size on the wire.</summary>
    public int Size => RelayFrame.HeaderSize + (Type == RelayFrameType.Credit ? RelayFrameCodec.CreditSize : Length);

    /// <summary>Writes the frame at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination) => Type == RelayFrameType.Credit
        ? RelayFrameCodec.WriteCredit(destination, StreamId, Credit)
        : RelayFrameCodec.Write(destination, Type, StreamId, Buffer is null ? default : Buffer.AsSpan(Offset, Length));
}
