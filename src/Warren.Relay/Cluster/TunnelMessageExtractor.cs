using Akka.Cluster.Sharding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// Routes an <see cref="ITunnelCommand"/> to the "tunnel" entity of its name. Names arrive
/// normalized (lowercase) from <see cref="ClusterTunnelRouter"/>, so one name is one entity.
/// </summary>
internal sealed class TunnelMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message is ITunnelCommand command ? command.Name : null;
}
