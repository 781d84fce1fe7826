using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>exec</c> channel request (RFC 4254 §6.5): <c>string command</c>. Warren has no
/// shell; its session channel reads the command as a question ("list my tunnels") and answers in text.
/// </summary>
/// <param name="Command">The command line, UTF-8 without NUL.</param>
public readonly record struct ExecRequest(string Command)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed (then CHANNEL_FAILURE).</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out ExecRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var value) || reader.Remaining != 0)
        {
            return false;
        }

        request = new ExecRequest(value);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize() => new ChannelRequest(0, ChannelRequestTypes.Exec, false).GetSize(ConnectionWire.StringSize(Command));

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>exec</c> and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.Exec, wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(Command);
        return writer.Position;
    }
}
