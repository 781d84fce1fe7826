using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>exit-status</c> channel request (RFC 4254 §6.10): <c>uint32 exit status</c>,
/// sent with want reply false before CHANNEL_EOF/CLOSE so that <c>ssh host command</c> exits with it.
/// </summary>
/// <param name="Status">The exit code.</param>
public readonly record struct ExitStatus(uint Status)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out ExitStatus request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!reader.TryReadUInt32(out var status) || reader.Remaining != 0)
        {
            return false;
        }

        request = new ExitStatus(status);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public static int GetSize() => new ChannelRequest(0, ChannelRequestTypes.ExitStatus, false).GetSize(4);

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>exit-status</c> (want reply false) and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.ExitStatus, false).WriteHeader(ref writer);
        writer.WriteUInt32(Status);
        return writer.Position;
    }
}
