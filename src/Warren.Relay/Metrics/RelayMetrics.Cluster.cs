using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// Cluster membership, sharding and the traffic between nodes. A node starts as a cluster of
/// one (one member Up, none unreachable); <see cref="Cluster.ClusterMetricsWatcher"/> keeps the
/// membership and shard series current from Akka.Cluster's events and the shard regions.
/// </summary>
public static partial class RelayMetrics
{
    /// <summary>Akka.Cluster member statuses, in lower case.</summary>
    private static readonly string[] MemberStatuses = ["joining", "weakly_up", "up", "leaving", "exiting", "down", "removed"];

    private static readonly Gauge.Child[] ClusterMembers = GaugeChildren(
        "warren_cluster_members", "Cluster members as this node sees them, by member status.", "status", MemberStatuses);

    private static readonly Gauge ClusterUnreachable = Prometheus.Metrics.CreateGauge(
        "warren_cluster_unreachable_members", "Cluster members this node's failure detector marks unreachable.");

    /// <summary>The shard types (sharding type names), as the <c>type</c> label says them.</summary>
    private static readonly string[] ShardTypes = ["tunnel", "account"];

    private static readonly Gauge.Child[] ShardsHosted = GaugeChildren(
        "warren_cluster_shards_hosted", "Shards of a sharded entity type hosted on this node.", "type", ShardTypes);

    private static readonly Gauge.Child[] EntitiesHosted = GaugeChildren(
        "warren_cluster_entities_hosted", "Sharded entities (tunnel names, accounts) alive on this node, by type.", "type", ShardTypes);

    private static readonly Counter.Child[] ShardHandoffs = CounterChildren(
        "warren_cluster_shard_handoffs_total", "Shards that left this node (rebalance, hand-off when leaving), by type.", "type", ShardTypes);

    /// <summary>Sets every status's count; a status missing from <paramref name="counts"/> is zero.</summary>
    public static void SetClusterMembers(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        for (var i = 0; i < MemberStatuses.Length; i++)
        {
            ClusterMembers[i].Set(counts.GetValueOrDefault(MemberStatuses[i]));
        }
    }

    /// <summary>The shard region of <paramref name="type"/> hosts <paramref name="shards"/> shards with <paramref name="entities"/> entities; <paramref name="handedOff"/> left since the last look.</summary>
    public static void SetShardsHosted(string type, int shards, int entities, int handedOff)
    {
        var index = Array.IndexOf(ShardTypes, type);
        if (index < 0)
        {
            return;
        }

        ShardsHosted[index].Set(shards);
        EntitiesHosted[index].Set(entities);
        ShardHandoffs[index].Inc(handedOff);
    }

    /// <summary>Sets the count of members in <paramref name="status"/> (joining, weakly_up, up, leaving, exiting, down, removed).</summary>
    public static void SetClusterMembers(string status, int count)
    {
        var index = Array.IndexOf(MemberStatuses, status);
        if (index >= 0)
        {
            ClusterMembers[index].Set(count);
        }
    }

    /// <summary>Sets the count of unreachable members.</summary>
    public static void SetUnreachableMembers(int count) => ClusterUnreachable.Set(count);

    private static void InitialiseClusterSeries()
    {
        // A single node: itself, Up.
        SetClusterMembers("up", 1);
        SetUnreachableMembers(0);
    }
}
