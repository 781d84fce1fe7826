using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Ssh.Connection;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// From a visitor's channel actor to its node's <c>/user/node/relay-links</c>: <see cref="Open"/>
/// is for <see cref="Session"/>, which lives on another node, so the bridge crosses a relay link.
/// Answered to <c>Open.Peer</c> exactly as the session would answer (<see cref="BridgeOpened"/>
/// or <see cref="BridgeOpenFailed"/>), with a local stream actor as the peer.
/// </summary>
public sealed record OpenLinkedBridge(IActorRef Session, OpenForwardedTcpip Open);

/// <summary>
/// Over remoting, from the visitor's node to the tunnel's node: open stream
/// <see cref="StreamId"/> of the link <see cref="LinkId"/> (dialed by the sender) to
/// <see cref="Session"/>, whose client gets a <c>forwarded-tcpip</c> channel for
/// <see cref="Target"/>. <see cref="Near"/> is the visitor side's stream actor: a refusal
/// reaches it as <see cref="BridgeOpenFailed"/> over remoting, the confirmation as an
/// <see cref="RelayFrameType.Opened"/> frame on the link, in order with the stream's data.
/// </summary>
public sealed record OpenFarEnd(string LinkId, uint StreamId, IActorRef Session, ForwardedTcpip Target, IActorRef Near);

/// <summary>One frame that arrived on a link for one stream; <see cref="Data"/> is set for data frames and owned by the receiver.</summary>
internal sealed record LinkFrameIn(RelayFrameType Type, uint StreamId, byte[]? Data, uint Credit);

/// <summary>From an accepted link to <see cref="RelayLinksActor"/>: the link's id, for the streams the dialer opens over remoting.</summary>
internal sealed record LinkRegistered(string LinkId);
