namespace Warren.Relay.Channels;

/// <summary>
/// To the connection, from a <see cref="DirectTcpipChannelActor"/> that connected its real host:
/// stop the sender and serve its channel number with a <see cref="SocketChannelActor"/> from
/// <see cref="Start"/>. The client sends nothing on a channel before it is confirmed, so no message
/// can reach the wrong actor. Ownership of the socket in <see cref="Start"/> passes with the message.
/// </summary>
public sealed record StartSocketChannel(SocketChannelStart Start);
