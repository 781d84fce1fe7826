namespace Warren.Relay.Tunnels;

/// <summary>
/// A message for the <see cref="TunnelEntity"/> of one name. <see cref="Name"/> is the routing
/// key: the local <see cref="TunnelRegistry"/> picks its child by it, and the cluster's message
/// extractor will use it as the entity id (lowercase, see <see cref="TunnelName.NormalizeKey"/>).
/// </summary>
internal interface ITunnelCommand
{
    string Name { get; }
}
