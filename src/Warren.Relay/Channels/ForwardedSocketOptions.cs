namespace Warren.Relay.Channels;

/// <summary>How a <see cref="ForwardedSocketActor"/> may read: the SSH peer's side of flow control.</summary>
/// <param name="InitialCredit">Bytes the socket may read before the first <see cref="SocketGrant"/>: the peer's initial window.</param>
/// <param name="MaxChunk">The most bytes in one <see cref="SocketData"/>: the peer's maximum packet.</param>
/// <param name="IdleTimeout">
/// Close when no byte is read or written for this long. Null (the default) never times out: idle
/// WebSockets and long polls must survive.
/// </param>
public sealed record ForwardedSocketOptions(uint InitialCredit, uint MaxChunk, TimeSpan? IdleTimeout = null);
