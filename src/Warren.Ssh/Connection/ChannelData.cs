using System.Buffers.Binary;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_DATA (RFC 4254 §5.2): <c>byte 94, uint32 recipient channel, string data</c>.
/// The hot path: reading hands back offsets into the payload, writing puts the 9-byte header in
/// front of data already in the buffer, and neither allocates.
/// </summary>
public static class ChannelData
{
    /// <summary>Bytes in front of the data: message number, recipient channel, data length.</summary>
    public const int HeaderSize = 9;

    /// <summary>
    /// Reads the message. The data is <c>payload.Slice(dataOffset, dataLength)</c>, always at
    /// offset <see cref="HeaderSize"/>. False when malformed (short, or the length disagrees with
    /// the bytes that remain): disconnect with <see cref="SshDisconnectReason.ProtocolError"/>.
    /// Window and maximum-packet checks are <see cref="ChannelReceiveWindow.TryConsume(int, out SshDisconnectReason)"/>'s.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out uint recipientChannel, out int dataOffset, out int dataLength)
    {
        recipientChannel = 0;
        dataOffset = HeaderSize;
        dataLength = 0;
        if (payload.Length < HeaderSize || payload[0] != SshMessageNumber.ChannelData)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(5, 4));
        if (length != (uint)(payload.Length - HeaderSize))
        {
            return false;
        }

        recipientChannel = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(1, 4));
        dataLength = (int)length;
        return true;
    }

    /// <summary>
    /// Writes the header into the first <see cref="HeaderSize"/> bytes of <paramref name="destination"/>,
    /// where the <paramref name="dataLength"/> bytes that follow are already in place (a socket read
    /// at <see cref="Buffers.PacketBuffer.DataOffset"/>). Returns the payload size, header included.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, uint recipientChannel, int dataLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
        var header = destination[..HeaderSize];
        header[0] = SshMessageNumber.ChannelData;
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(1, 4), recipientChannel);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(5, 4), (uint)dataLength);
        return HeaderSize + dataLength;
    }

    /// <summary>Writes the whole message, copying <paramref name="data"/>, and returns its size. For small or test messages.</summary>
    public static int WriteTo(Span<byte> destination, uint recipientChannel, ReadOnlySpan<byte> data)
    {
        data.CopyTo(destination.Slice(HeaderSize, data.Length));
        return WriteHeader(destination, recipientChannel, data.Length);
    }
}
