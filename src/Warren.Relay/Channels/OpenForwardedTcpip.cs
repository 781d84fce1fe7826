using Akka.Actor;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// Asks a session to open a <c>forwarded-tcpip</c> channel to its client (RFC 4254 §7.2) for a
/// visitor's channel actor <see cref="Peer"/>. <see cref="Target"/> echoes the bind address and
/// port of the client's <c>tcpip-forward</c> exactly (OpenSSH refuses anything else). Answered
/// with <see cref="BridgeOpened"/> or <see cref="BridgeOpenFailed"/>, sent to <see cref="Peer"/>.
/// </summary>
public sealed record OpenForwardedTcpip(ForwardedTcpip Target, IActorRef Peer);
