using System.Buffers.Binary;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_EXTENDED_DATA (RFC 4254 §5.2): <c>byte 95, uint32 recipient channel, uint32
/// data type code, string data</c>. It counts against the same window as CHANNEL_DATA. Like
/// <see cref="ChannelData"/>, nothing here allocates.
/// </summary>
public static class ChannelExtendedData
{
    /// <summary>SSH_EXTENDED_DATA_STDERR, the only code RFC 4254 §5.2 defines.</summary>
    public const uint Stderr = 1;

    /// <summary>Bytes in front of the data: number, recipient, type code, length.</summary>
    public const int HeaderSize = 13;

    /// <summary>
    /// Reads the message; the data is <c>payload.Slice(dataOffset, dataLength)</c>. False when
    /// malformed: disconnect with <see cref="SshDisconnectReason.ProtocolError"/>.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out uint recipientChannel, out uint dataTypeCode, out int dataOffset, out int dataLength)
    {
        recipientChannel = 0;
        dataTypeCode = 0;
        dataOffset = HeaderSize;
        dataLength = 0;
        if (payload.Length < HeaderSize || payload[0] != SshMessageNumber.ChannelExtendedData)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(9, 4));
        if (length != (uint)(payload.Length - HeaderSize))
        {
            return false;
        }

        recipientChannel = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(1, 4));
        dataTypeCode = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(5, 4));
        dataLength = (int)length;
        return true;
    }

    /// <summary>
    /// Writes the header in front of <paramref name="dataLength"/> bytes already in place and
    /// returns the payload size, header included.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, uint recipientChannel, uint dataTypeCode, int dataLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
        var header = destination[..HeaderSize];
        header[0] = SshMessageNumber.ChannelExtendedData;
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(1, 4), recipientChannel);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(5, 4), dataTypeCode);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(9, 4), (uint)dataLength);
        return HeaderSize + dataLength;
    }

    /// <summary>Writes the whole message, copying <paramref name="data"/>, and returns its size.</summary>
    public static int WriteTo(Span<byte> destination, uint recipientChannel, uint dataTypeCode, ReadOnlySpan<byte> data)
    {
        data.CopyTo(destination.Slice(HeaderSize, data.Length));
        return WriteHeader(destination, recipientChannel, dataTypeCode, data.Length);
    }
}
