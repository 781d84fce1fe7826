using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_OPEN (RFC 4254 §5.1): <c>string channel type, uint32 sender channel, uint32
/// initial window size, uint32 maximum packet size, ....</c> The type-specific data is handed back as
/// a slice for <see cref="DirectTcpip"/>, <see cref="ForwardedTcpip"/> or
/// <see cref="DirectStreamLocal"/>; a <c>session</c> open has none.
/// </summary>
/// <param name="ChannelType">See <see cref="ChannelTypes"/>.</param>
/// <param name="SenderChannel">The opener's channel number; our replies name it as recipient.</param>
/// <param name="InitialWindowSize">Bytes we may send before the first WINDOW_ADJUST (our send window).</param>
/// <param name="MaximumPacketSize">Largest data length the opener accepts in one CHANNEL_DATA.</param>
public readonly record struct ChannelOpen(string ChannelType, uint SenderChannel, uint InitialWindowSize, uint MaximumPacketSize)
{
    /// <summary>
    /// Reads the message. False means malformed: disconnect with
    /// <see cref="SshDisconnectReason.ProtocolError"/>. Malformed type-specific data, found later by
    /// the typed reader, is the caller's choice: OPEN_FAILURE or disconnect (OpenSSH disconnects).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelOpen message, out ReadOnlySpan<byte> channelData)
    {
        message = default;
        channelData = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.ChannelOpen, out var reader)
            || !ConnectionWire.TryReadText(ref reader, out var type)
            || !reader.TryReadUInt32(out var sender)
            || !reader.TryReadUInt32(out var window)
            || !reader.TryReadUInt32(out var maxPacket))
        {
            return false;
        }

        message = new ChannelOpen(type, sender, window, maxPacket);
        channelData = reader.Rest;
        return true;
    }

    /// <summary>Size of the message with <paramref name="channelDataLength"/> bytes of type-specific data.</summary>
    public int GetSize(int channelDataLength) => 1 + ConnectionWire.StringSize(ChannelType) + 12 + channelDataLength;

    /// <summary>Writes the message with the given type-specific data and returns its size.</summary>
    public int WriteTo(Span<byte> destination, ReadOnlySpan<byte> channelData)
    {
        var writer = new SshWriter(destination);
        WriteHeader(ref writer);
        writer.WriteBytes(channelData);
        return writer.Position;
    }

    internal void WriteHeader(ref SshWriter writer)
    {
        writer.WriteByte(SshMessageNumber.ChannelOpen);
        writer.WriteUtf8(ChannelType);
        writer.WriteUInt32(SenderChannel);
        writer.WriteUInt32(InitialWindowSize);
        writer.WriteUInt32(MaximumPacketSize);
    }
}
