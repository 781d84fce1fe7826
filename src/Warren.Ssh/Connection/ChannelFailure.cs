namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_FAILURE (RFC 4254 §5.4): <c>uint32 recipient channel</c>, the answer to a refused
/// or unknown CHANNEL_REQUEST with want reply (including <c>keepalive@openssh.com</c>).
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
public readonly record struct ChannelFailure(uint RecipientChannel)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 5;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelFailure message)
    {
        var ok = ConnectionWire.TryReadRecipientOnly(payload, SshMessageNumber.ChannelFailure, out var recipient);
        message = new ChannelFailure(recipient);
        return ok;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination) =>
        ConnectionWire.WriteRecipientOnly(destination, SshMessageNumber.ChannelFailure, RecipientChannel);
}
