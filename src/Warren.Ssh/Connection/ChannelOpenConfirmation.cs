using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_OPEN_CONFIRMATION (RFC 4254 §5.1): <c>uint32 recipient channel, uint32 sender
/// channel, uint32 initial window size, uint32 maximum packet size</c>. No channel type Warren
/// speaks defines extra data, so trailing bytes are malformed.
/// </summary>
/// <param name="RecipientChannel">The opener's channel number (its sender channel).</param>
/// <param name="SenderChannel">The confirming side's channel number.</param>
/// <param name="InitialWindowSize">Bytes the opener may send before the first WINDOW_ADJUST.</param>
/// <param name="MaximumPacketSize">Largest data length the confirming side accepts in one CHANNEL_DATA.</param>
public readonly record struct ChannelOpenConfirmation(uint RecipientChannel, uint SenderChannel, uint InitialWindowSize, uint MaximumPacketSize)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 17;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelOpenConfirmation message)
    {
        message = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.ChannelOpenConfirmation, out var reader)
            || !reader.TryReadUInt32(out var recipient)
            || !reader.TryReadUInt32(out var sender)
            || !reader.TryReadUInt32(out var window)
            || !reader.TryReadUInt32(out var maxPacket)
            || reader.Remaining != 0)
        {
            return false;
        }

        message = new ChannelOpenConfirmation(recipient, sender, window, maxPacket);
        return true;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        writer.WriteByte(SshMessageNumber.ChannelOpenConfirmation);
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUInt32(SenderChannel);
        writer.WriteUInt32(InitialWindowSize);
        writer.WriteUInt32(MaximumPacketSize);
        return writer.Position;
    }
}
