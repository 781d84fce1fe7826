using Akka.Actor;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// From <see cref="RelayLinksActor"/> to the node's tunnel front: the relay link to
/// <see cref="Node"/> broke or could not be dialed (<see cref="Suspected"/> true), or is up again
/// (false). The front asks the tunnel entities to pass over backends on suspected nodes, which
/// covers the seconds between a node's death and the cluster noticing it.
/// </summary>
internal sealed record RelayNodeSuspicion(Address Node, bool Suspected);

/// <summary>From a dialed <see cref="RelayLinkActor"/> to its parent: the link to <see cref="Node"/> is up.</summary>
internal sealed record LinkDialedUp(Address Node);
