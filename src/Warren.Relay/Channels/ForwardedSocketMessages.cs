using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

// The protocol between a channel actor and its ForwardedSocketActor child. Buffers in messages pass
// ownership: the sender must not touch a buffer once it is in a message, and the receiver returns it
// exactly once (PacketBuffer). Nothing here is an unbounded queue: SocketWrite is bounded by the
// channel's receive window, SocketData by the read credit the channel granted.

/// <summary>
/// To the socket: bytes from the SSH peer (a CHANNEL_DATA payload) to write to the socket, at
/// <paramref name="Offset"/> in <paramref name="Buffer"/>. Ownership of the buffer passes; the socket
/// returns it after the write (or when it drops the write) and answers <see cref="SocketWritten"/>.
/// </summary>
public sealed record SocketWrite(PacketBuffer Buffer, int Offset, int Length);

/// <summary>To the socket: the SSH peer's window grew (WINDOW_ADJUST), so the socket may read this many more bytes.</summary>
public sealed record SocketGrant(int Bytes);

/// <summary>
/// To the socket: the SSH peer sent CHANNEL_EOF. After the writes already sent, the socket does
/// shutdown(Send) (a TCP FIN) and keeps reading: a half-close. Writes sent after it are dropped.
/// </summary>
public sealed record SocketShutdownSend
{
    private SocketShutdownSend()
    {
    }

    /// <summary>The one instance.</summary>
    public static SocketShutdownSend Instance { get; } = new();
}

/// <summary>
/// To the socket, the channel's last message to it: stop reading, write what is queued, close the
/// socket and stop. If the socket has not reported <see cref="SocketClosed"/> yet it does so first.
/// </summary>
public sealed record SocketClose
{
    private SocketClose()
    {
    }

    /// <summary>The one instance.</summary>
    public static SocketClose Instance { get; } = new();
}

/// <summary>
/// From the socket: <paramref name="Length"/> bytes read from the socket, at
/// <see cref="PacketBuffer.DataOffset"/> so the connection writes the packet and CHANNEL_DATA headers
/// in front without a copy. Ownership passes to the channel. Never more than the granted credit and
/// never more than the peer's maximum packet.
/// </summary>
public sealed record SocketData(PacketBuffer Buffer, int Length);

/// <summary>
/// From the socket: this many bytes of <see cref="SocketWrite"/>s left the process (written to the
/// socket, or dropped because it failed): the channel releases them from its receive window and may
/// send WINDOW_ADJUST.
/// </summary>
public sealed record SocketWritten(int Bytes);

/// <summary>From the socket: the TCP peer sent a FIN; the channel sends CHANNEL_EOF. The socket still writes.</summary>
public sealed record SocketEof
{
    private SocketEof()
    {
    }

    /// <summary>The one instance.</summary>
    public static SocketEof Instance { get; } = new();
}

/// <summary>
/// From the socket, exactly once: the socket is closed, for <paramref name="Reason"/>. The channel
/// sends CHANNEL_CLOSE (if it has not) and answers with <see cref="SocketClose"/>.
/// </summary>
public sealed record SocketClosed(SocketCloseReason Reason, string Detail);
