using Warren.Ssh;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Relay.Sessions;

/// <summary>
/// From a connection's reader to its actor: one CHANNEL_DATA message copied into a pooled buffer
/// at <see cref="PacketBuffer.ChannelDataHeaderOffset"/>, so its data sits at
/// <see cref="PacketBuffer.DataOffset"/>, where a socket write takes it. The reader's own buffer
/// is reused by the next read, so a copy is needed; a pooled one costs no allocation, where an
/// array per message cost one byte of garbage per byte relayed. Ownership passes with the message.
/// </summary>
internal sealed record PooledInboundData(PacketBuffer Buffer, int PayloadLength, uint Recipient)
{
    /// <summary>
    /// The message in a pooled buffer, or null when it is not well-formed CHANNEL_DATA, does not
    /// fit a buffer, or the pool is exhausted (the caller then copies it to an array as for any message).
    /// </summary>
    public static PooledInboundData? TryCopy(ReadOnlySpan<byte> payload, PacketBufferPool? pool)
    {
        if (pool is null || payload.IsEmpty || payload[0] != SshMessageNumber.ChannelData
            || !ChannelData.TryRead(payload, out var recipient, out _, out var length)
            || length > pool.BufferSize - PacketBuffer.DataOffset - PacketBuffer.TrailerSize
            || !pool.TryRent(out var buffer))
        {
            return null;
        }

        payload.CopyTo(buffer.Span[PacketBuffer.ChannelDataHeaderOffset..]);
        return new PooledInboundData(buffer, payload.Length, recipient);
    }
}
