namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_EOF (RFC 4254 §5.3): <c>uint32 recipient channel</c>. The sender will send no more data
/// on this channel; the channel stays open for the other direction until CHANNEL_CLOSE.
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
public readonly record struct ChannelEof(uint RecipientChannel)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 5;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelEof message)
    {
        var ok = ConnectionWire.TryReadRecipientOnly(payload, SshMessageNumber.ChannelEof, out var recipient);
        message = new ChannelEof(recipient);
        return ok;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination) =>
        ConnectionWire.WriteRecipientOnly(destination, SshMessageNumber.ChannelEof, RecipientChannel);
}
