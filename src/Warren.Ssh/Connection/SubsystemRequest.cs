using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>subsystem</c> channel request (RFC 4254 §6.5): <c>string subsystem name</c>.
/// </summary>
/// <param name="SubsystemName">The subsystem, e.g. <c>sftp</c>.</param>
public readonly record struct SubsystemRequest(string SubsystemName)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed (then CHANNEL_FAILURE).</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out SubsystemRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var value) || reader.Remaining != 0)
        {
            return false;
        }

        request = new SubsystemRequest(value);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize() => new ChannelRequest(0, ChannelRequestTypes.Subsystem, false).GetSize(ConnectionWire.StringSize(SubsystemName));

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>subsystem</c> and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.Subsystem, wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(SubsystemName);
        return writer.Position;
    }
}
