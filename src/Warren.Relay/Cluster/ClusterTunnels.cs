using Akka.Actor;
using Akka.Cluster.Sharding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// Starts the "tunnel" and "account" shard regions on a node of a clustered actor system and
/// gives the props of the node's tunnel front, which <see cref="Node.NodeGuardian"/> runs in
/// place of the local registry.
/// </summary>
public static class ClusterTunnels
{
    /// <summary>The shard type name of the tunnel entities (one per tunnel name).</summary>
    public const string TunnelTypeName = "tunnel";

    /// <summary>The shard type name of the account entities (one per account).</summary>
    public const string AccountTypeName = "account";

    /// <summary>
    /// Starts both shard regions (idempotent per system) and returns the props of the node's
    /// tunnel front. The system must use the cluster provider.
    /// </summary>
    public static Props Start(ActorSystem system) => Start(system, new TunnelOptions(), TimeProvider.System);

    /// <summary>The same, with the node's tunnel settings (name grace time, tunnel limit, bind policy).</summary>
    public static Props Start(ActorSystem system, Listeners.SshListenerOptions options) =>
        Start(system, TunnelOptions.From(options), TimeProvider.System);

    /// <summary>The "account" shard region of a system on which <see cref="Start(ActorSystem)"/> ran.</summary>
    public static IActorRef AccountRegion(ActorSystem system) => ClusterSharding.Get(system).ShardRegion(AccountTypeName);

    /// <summary>Starts the actor that keeps the cluster metrics current (members, shards hosted); once per system, after <see cref="Start(ActorSystem)"/>.</summary>
    public static void WatchMetrics(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.ActorOf(ClusterMetricsWatcher.Props(), "cluster-metrics");
    }

    internal static Props Start(ActorSystem system, TunnelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system);
        var shards = system.Settings.Config.GetInt("akka.cluster.sharding.number-of-shards", 100);

        // Each entity factory looks the other region up lazily: both exist before any message flows.
        var accounts = sharding.Start(
            AccountTypeName,
            _ => AccountEntity.Props(time, sharding.ShardRegion(TunnelTypeName)),
            settings,
            new AccountMessageExtractor(shards));
        var tunnels = sharding.Start(
            TunnelTypeName,
            name => ShardedTunnel.Props(name, options, time, accounts),
            settings,
            new TunnelMessageExtractor(shards));
        return ClusterTunnelRouter.Props(options, tunnels, accounts);
    }
}
