using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Open data of a <c>direct-streamlocal@openssh.com</c> channel (OpenSSH PROTOCOL §2.4): <c>string
/// socket path, string reserved, uint32 reserved</c>. Sent by <c>ssh -L port:/path</c>; a relay can
/// read the path as a service name.
/// </summary>
/// <param name="SocketPath">The Unix socket path, as sent.</param>
/// <param name="ReservedString">Reserved; OpenSSH sends an empty string and ignores it.</param>
/// <param name="ReservedNumber">Reserved; OpenSSH sends 0 and ignores it.</param>
public readonly record struct DirectStreamLocal(string SocketPath, string ReservedString = "", uint ReservedNumber = 0)
{
    /// <summary>Reads the data that <see cref="ChannelOpen.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> channelData, out DirectStreamLocal data)
    {
        data = default;
        var reader = new SshReader(channelData);
        if (!ConnectionWire.TryReadText(ref reader, out var path)
            || !ConnectionWire.TryReadLenientText(ref reader, out var reserved)
            || !reader.TryReadUInt32(out var reservedNumber)
            || reader.Remaining != 0)
        {
            return false;
        }

        data = new DirectStreamLocal(path, reserved, reservedNumber);
        return true;
    }

    /// <summary>Size of the type-specific data alone.</summary>
    public int GetDataSize() => ConnectionWire.StringSize(SocketPath) + ConnectionWire.StringSize(ReservedString) + 4;

    /// <summary>Size of the whole CHANNEL_OPEN that <see cref="WriteOpenTo"/> writes.</summary>
    public int GetOpenSize() => new ChannelOpen(ChannelTypes.DirectStreamLocal, 0, 0, 0).GetSize(GetDataSize());

    /// <summary>Writes the type-specific data alone and returns its size.</summary>
    public int WriteDataTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        WriteData(ref writer);
        return writer.Position;
    }

    /// <summary>Writes a whole CHANNEL_OPEN of type <c>direct-streamlocal@openssh.com</c> and returns its size.</summary>
    public int WriteOpenTo(Span<byte> destination, uint senderChannel, uint initialWindowSize, uint maximumPacketSize)
    {
        var writer = new SshWriter(destination);
        new ChannelOpen(ChannelTypes.DirectStreamLocal, senderChannel, initialWindowSize, maximumPacketSize).WriteHeader(ref writer);
        WriteData(ref writer);
        return writer.Position;
    }

    private void WriteData(ref SshWriter writer)
    {
        writer.WriteUtf8(SocketPath);
        writer.WriteUtf8(ReservedString);
        writer.WriteUInt32(ReservedNumber);
    }
}
