using Akka.Actor;
using Warren.Relay.Forwarding;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// Asks a session to open a <c>forwarded-tcpip</c> channel to its client (RFC 4254 §7.2) for a
/// visitor's channel actor <see cref="Peer"/>. <see cref="Target"/> echoes the bind address and
/// port of the client's <c>tcpip-forward</c> exactly (OpenSSH refuses anything else). Answered
/// with <see cref="BridgeOpened"/> or <see cref="BridgeOpenFailed"/>, sent to <see cref="Peer"/>.
/// </summary>
public sealed record OpenForwardedTcpip(ForwardedTcpip Target, IActorRef Peer);

/// <summary>The other side of a bridge is open; <see cref="Peer"/> is its channel actor.</summary>
public sealed record BridgeOpened(IActorRef Peer);

/// <summary>The other side of a bridge could not be opened; the visitor gets OPEN_FAILURE with this code and text.</summary>
public sealed record BridgeOpenFailed(ChannelOpenFailureCode Code, string Reason);

/// <summary>
/// Bytes a client sent on one side of a bridge, for the other side's client. Ownership of
/// <see cref="Buffer"/> passes with the message; the receiver answers <see cref="BridgeAck"/> once
/// it has sent the bytes on, and only then does the sender widen its client's window.
/// </summary>
public sealed record BridgeData(byte[] Buffer, int Offset, int Length);

/// <summary><see cref="Length"/> bytes of <see cref="BridgeData"/> were sent on as CHANNEL_DATA.</summary>
public sealed record BridgeAck(int Length);

/// <summary>The client of the other side sent CHANNEL_EOF.</summary>
public sealed record BridgeEof
{
    public static BridgeEof Instance { get; } = new();
}

/// <summary>The other side closed; this side closes too once its queued bytes are out.</summary>
public sealed record BridgeClose
{
    public static BridgeClose Instance { get; } = new();
}
