namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_CLOSE (RFC 4254 §5.3): <c>uint32 recipient channel</c>. Each side sends it once and
/// frees the channel number when it has both sent and received one; data may no longer be sent.
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
public readonly record struct ChannelClose(uint RecipientChannel)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 5;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelClose message)
    {
        var ok = ConnectionWire.TryReadRecipientOnly(payload, SshMessageNumber.ChannelClose, out var recipient);
        message = new ChannelClose(recipient);
        return ok;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination) =>
        ConnectionWire.WriteRecipientOnly(destination, SshMessageNumber.ChannelClose, RecipientChannel);
}
