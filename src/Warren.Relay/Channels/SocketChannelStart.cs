using System.Net.Sockets;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// What a <see cref="SocketChannelActor"/> starts from: its channel number, its connected socket
/// (whose ownership passes with this record) and the node's buffer pool; then either the client's
/// side of a <c>direct-tcpip</c> channel the relay confirms at once (<see cref="Remote"/>), or the
/// <c>forwarded-tcpip</c> channel the relay opens to the client (<see cref="Open"/>).
/// </summary>
/// <param name="LocalChannel">The relay's channel number.</param>
/// <param name="Socket">The connected socket; the actor disposes it however it ends.</param>
/// <param name="Pool">The node's data-path buffers.</param>
/// <param name="Remote">For direct-tcpip: the client's channel, window and maximum packet from its CHANNEL_OPEN.</param>
/// <param name="Open">For forwarded-tcpip: what the relay's CHANNEL_OPEN carries.</param>
public sealed record SocketChannelStart(
    uint LocalChannel,
    Socket Socket,
    PacketBufferPool Pool,
    SocketChannelRemote? Remote,
    ForwardedTcpip? Open)
{
    /// <summary>Close the socket after this long without a byte either way (Forwarding:IdleTimeout); null: never.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// Bytes sent to the client first on a forwarded-tcpip channel, before any byte of the socket:
    /// a PROXY protocol header when the tunnel's owner asked for one (<c>proxy-protocol=1|2</c>). Empty: none.
    /// </summary>
    public byte[] Preamble { get; init; } = [];

    /// <summary>A direct-tcpip channel whose target the relay has connected: confirm it and relay.</summary>
    public static SocketChannelStart Confirm(uint localChannel, Socket socket, PacketBufferPool pool, SocketChannelRemote remote) =>
        new(localChannel, socket, pool, remote, null);

    /// <summary>A visitor accepted on a relay port: open a forwarded-tcpip channel to the client and relay once confirmed.</summary>
    public static SocketChannelStart OpenForwarded(uint localChannel, Socket socket, PacketBufferPool pool, ForwardedTcpip open) =>
        new(localChannel, socket, pool, null, open);
}

/// <summary>The client's end of a channel: its channel number, initial window and maximum packet.</summary>
public sealed record SocketChannelRemote(uint Channel, uint Window, uint MaximumPacket);
