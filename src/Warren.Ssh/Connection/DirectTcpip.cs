using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Open data of a <c>direct-tcpip</c> channel (RFC 4254 §7.2): <c>string host to connect, uint32
/// port to connect, string originator IP address, uint32 originator port</c>. Sent by
/// <c>ssh -L</c>, <c>-W</c> and <c>-D</c>; on Warren the host is usually a tunnel name.
/// </summary>
/// <param name="HostToConnect">Host name, address or tunnel name, as sent.</param>
/// <param name="PortToConnect">Target port.</param>
/// <param name="OriginatorAddress">Where the connection came from on the client side (informational).</param>
/// <param name="OriginatorPort">Source port on the client side (informational).</param>
public readonly record struct DirectTcpip(string HostToConnect, uint PortToConnect, string OriginatorAddress, uint OriginatorPort)
{
    /// <summary>
    /// False when either port is above 65535: sshd answers such an open with
    /// <see cref="ChannelOpenFailureReason.AdministrativelyProhibited"/>, and so should the caller.
    /// </summary>
    public bool PortsAreValid => PortToConnect <= ConnectionWire.MaxPort && OriginatorPort <= ConnectionWire.MaxPort;

    /// <summary>Reads the data that <see cref="ChannelOpen.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> channelData, out DirectTcpip data)
    {
        data = default;
        var reader = new SshReader(channelData);
        if (!ConnectionWire.TryReadText(ref reader, out var host)
            || !reader.TryReadUInt32(out var port)
            || !ConnectionWire.TryReadText(ref reader, out var originator)
            || !reader.TryReadUInt32(out var originatorPort)
            || reader.Remaining != 0)
        {
            return false;
        }

        data = new DirectTcpip(host, port, originator, originatorPort);
        return true;
    }

    /// <summary>Size of the type-specific data alone.</summary>
    public int GetDataSize() => ConnectionWire.StringSize(HostToConnect) + 4 + ConnectionWire.StringSize(OriginatorAddress) + 4;

    /// <summary>Size of the whole CHANNEL_OPEN that <see cref="WriteOpenTo"/> writes.</summary>
    public int GetOpenSize() => new ChannelOpen(ChannelTypes.DirectTcpip, 0, 0, 0).GetSize(GetDataSize());

    /// <summary>Writes the type-specific data alone and returns its size.</summary>
    public int WriteDataTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        WriteData(ref writer);
        return writer.Position;
    }

    /// <summary>Writes a whole CHANNEL_OPEN of type <c>direct-tcpip</c> and returns its size.</summary>
    public int WriteOpenTo(Span<byte> destination, uint senderChannel, uint initialWindowSize, uint maximumPacketSize)
    {
        var writer = new SshWriter(destination);
        new ChannelOpen(ChannelTypes.DirectTcpip, senderChannel, initialWindowSize, maximumPacketSize).WriteHeader(ref writer);
        WriteData(ref writer);
        return writer.Position;
    }

    private void WriteData(ref SshWriter writer)
    {
        writer.WriteUtf8(HostToConnect);
        writer.WriteUInt32(PortToConnect);
        writer.WriteUtf8(OriginatorAddress);
        writer.WriteUInt32(OriginatorPort);
    }
}
