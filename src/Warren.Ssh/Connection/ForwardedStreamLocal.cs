using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Open data of a <c>forwarded-streamlocal@openssh.com</c> channel (OpenSSH PROTOCOL §2.4):
/// <c>string socket path, string reserved</c>. Server to client, when a visitor arrives on a
/// Unix-socket remote forward.
/// </summary>
/// <param name="SocketPath">The forward's path, echoed exactly as the client requested it.</param>
/// <param name="Reserved">Reserved; OpenSSH sends an empty string and ignores it.</param>
public readonly record struct ForwardedStreamLocal(string SocketPath, string Reserved = "")
{
    /// <summary>Reads the data that <see cref="ChannelOpen.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> channelData, out ForwardedStreamLocal data)
    {
        data = default;
        var reader = new SshReader(channelData);
        if (!ConnectionWire.TryReadText(ref reader, out var path)
            || !ConnectionWire.TryReadLenientText(ref reader, out var reserved)
            || reader.Remaining != 0)
        {
            return false;
        }

        data = new ForwardedStreamLocal(path, reserved);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_OPEN that <see cref="WriteOpenTo"/> writes.</summary>
    public int GetOpenSize() =>
        new ChannelOpen(ChannelTypes.ForwardedStreamLocal, 0, 0, 0).GetSize(ConnectionWire.StringSize(SocketPath) + ConnectionWire.StringSize(Reserved));

    /// <summary>Writes a whole CHANNEL_OPEN of type <c>forwarded-streamlocal@openssh.com</c> and returns its size.</summary>
    public int WriteOpenTo(Span<byte> destination, uint senderChannel, uint initialWindowSize, uint maximumPacketSize)
    {
        var writer = new SshWriter(destination);
        new ChannelOpen(ChannelTypes.ForwardedStreamLocal, senderChannel, initialWindowSize, maximumPacketSize).WriteHeader(ref writer);
        writer.WriteUtf8(SocketPath);
        writer.WriteUtf8(Reserved);
        return writer.Position;
    }
}
