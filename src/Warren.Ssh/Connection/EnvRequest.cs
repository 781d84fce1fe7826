using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>env</c> channel request (RFC 4254 §6.4): <c>string variable name, string variable
/// value</c>. sshd honours only AcceptEnv names; Warren may read <c>LANG</c> and nothing else.
/// </summary>
/// <param name="Name">Variable name.</param>
/// <param name="Value">Variable value.</param>
public readonly record struct EnvRequest(string Name, string Value)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed (then CHANNEL_FAILURE).</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out EnvRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var name)
            || !ConnectionWire.TryReadText(ref reader, out var value)
            || reader.Remaining != 0)
        {
            return false;
        }

        request = new EnvRequest(name, value);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize() =>
        new ChannelRequest(0, ChannelRequestTypes.Env, false).GetSize(ConnectionWire.StringSize(Name) + ConnectionWire.StringSize(Value));

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>env</c> and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.Env, wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(Name);
        writer.WriteUtf8(Value);
        return writer.Position;
    }
}
