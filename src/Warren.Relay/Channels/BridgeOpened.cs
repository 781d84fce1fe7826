using Akka.Actor;

namespace Warren.Relay.Channels;

/// <summary>The other side of a bridge is open; <see cref="Peer"/> is its channel actor.</summary>
public sealed record BridgeOpened(IActorRef Peer);
