namespace Warren.Relay.Channels;

/// <summary>
/// Bytes a client sent on one side of a bridge, for the other side's client. Ownership of
/// <see cref="Buffer"/> passes with the message; the receiver's connection answers <see cref="BridgeAck"/> once
/// it has sent the bytes on, and only then does the sender widen its client's window.
/// </summary>
public sealed record BridgeData(byte[] Buffer, int Offset, int Length);
