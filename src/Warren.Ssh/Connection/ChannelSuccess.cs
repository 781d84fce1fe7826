namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_SUCCESS (RFC 4254 §5.4): <c>uint32 recipient channel</c>, the answer to a
/// CHANNEL_REQUEST with want reply. Answers go out in the order the requests came in.
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
public readonly record struct ChannelSuccess(uint RecipientChannel)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 5;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelSuccess message)
    {
        var ok = ConnectionWire.TryReadRecipientOnly(payload, SshMessageNumber.ChannelSuccess, out var recipient);
        message = new ChannelSuccess(recipient);
        return ok;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination) =>
        ConnectionWire.WriteRecipientOnly(destination, SshMessageNumber.ChannelSuccess, RecipientChannel);
}
