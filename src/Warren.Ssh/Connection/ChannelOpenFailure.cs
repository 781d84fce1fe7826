using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_OPEN_FAILURE (RFC 4254 §5.1): <c>uint32 recipient channel, uint32 reason code,
/// string description (UTF-8), string language tag</c>. Both sides free the channel number when
/// this is sent (CVE-2026-39827: a refused channel must leave nothing behind).
/// </summary>
/// <param name="RecipientChannel">The opener's channel number.</param>
/// <param name="Reason">Why; unknown codes are kept as their number.</param>
/// <param name="Description">Human-readable text shown by the client.</param>
/// <param name="LanguageTag">RFC 3066 tag, normally empty.</param>
public readonly record struct ChannelOpenFailure(uint RecipientChannel, ChannelOpenFailureReason Reason, string Description, string LanguageTag = "")
{
    /// <summary>
    /// Reads the message; false when malformed. Invalid UTF-8 in the texts is replaced, not
    /// refused: the description is only for display.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelOpenFailure message)
    {
        message = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.ChannelOpenFailure, out var reader)
            || !reader.TryReadUInt32(out var recipient)
            || !reader.TryReadUInt32(out var reason)
            || !ConnectionWire.TryReadLenientText(ref reader, out var description)
            || !ConnectionWire.TryReadLenientText(ref reader, out var language)
            || reader.Remaining != 0)
        {
            return false;
        }

        message = new ChannelOpenFailure(recipient, (ChannelOpenFailureReason)reason, description, language);
        return true;
    }

    /// <summary>Size of the message.</summary>
    public int GetSize() => 9 + ConnectionWire.StringSize(Description) + ConnectionWire.StringSize(LanguageTag);

    /// <summary>Writes the message and returns its size.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        writer.WriteByte(SshMessageNumber.ChannelOpenFailure);
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUInt32((uint)Reason);
        writer.WriteUtf8(Description);
        writer.WriteUtf8(LanguageTag);
        return writer.Position;
    }
}
