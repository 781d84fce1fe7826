using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Open data of a <c>forwarded-tcpip</c> channel (RFC 4254 §7.2): <c>string address that was
/// connected, uint32 port that was connected, string originator IP address, uint32 originator
/// port</c>. Warren sends it to the client that asked for a remote forward when a visitor arrives.
/// </summary>
/// <param name="ConnectedAddress">
/// The bind address of the forward, echoed exactly as the client sent it in <c>tcpip-forward</c>
/// (<see cref="TcpipForwardRequest.AddressToBind"/>); the OpenSSH client refuses the channel
/// otherwise ("Server requests forwarding for unknown listen_port").
/// </param>
/// <param name="ConnectedPort">The forward's port: the allocated one when the client asked for port 0.</param>
/// <param name="OriginatorAddress">The visitor's address.</param>
/// <param name="OriginatorPort">The visitor's source port.</param>
public readonly record struct ForwardedTcpip(string ConnectedAddress, uint ConnectedPort, string OriginatorAddress, uint OriginatorPort)
{
    /// <summary>False when either port is above 65535; a client should refuse such an open.</summary>
    public bool PortsAreValid => ConnectedPort <= ConnectionWire.MaxPort && OriginatorPort <= ConnectionWire.MaxPort;

    /// <summary>Reads the data that <see cref="ChannelOpen.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> channelData, out ForwardedTcpip data)
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

        data = new ForwardedTcpip(host, port, originator, originatorPort);
        return true;
    }

    /// <summary>Size of the type-specific data alone.</summary>
    public int GetDataSize() => ConnectionWire.StringSize(ConnectedAddress) + 4 + ConnectionWire.StringSize(OriginatorAddress) + 4;

    /// <summary>Size of the whole CHANNEL_OPEN that <see cref="WriteOpenTo"/> writes.</summary>
    public int GetOpenSize() => new ChannelOpen(ChannelTypes.ForwardedTcpip, 0, 0, 0).GetSize(GetDataSize());

    /// <summary>Writes the type-specific data alone and returns its size.</summary>
    public int WriteDataTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        WriteData(ref writer);
        return writer.Position;
    }

    /// <summary>Writes a whole CHANNEL_OPEN of type <c>forwarded-tcpip</c> and returns its size.</summary>
    public int WriteOpenTo(Span<byte> destination, uint senderChannel, uint initialWindowSize, uint maximumPacketSize)
    {
        var writer = new SshWriter(destination);
        new ChannelOpen(ChannelTypes.ForwardedTcpip, senderChannel, initialWindowSize, maximumPacketSize).WriteHeader(ref writer);
        WriteData(ref writer);
        return writer.Position;
    }

    private void WriteData(ref SshWriter writer)
    {
        writer.WriteUtf8(ConnectedAddress);
        writer.WriteUInt32(ConnectedPort);
        writer.WriteUtf8(OriginatorAddress);
        writer.WriteUInt32(OriginatorPort);
    }
}
