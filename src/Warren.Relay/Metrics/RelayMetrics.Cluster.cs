using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// Cluster membership. Until the cluster lands a node is a cluster of one: one member Up, none
/// unreachable. The cluster work sets these from Akka.Cluster's member events.
/// </summary>
public static partial class RelayMetrics
{
    /// <summary>Akka.Cluster member statuses, in lower case.</summary>
    private static readonly string[] MemberStatuses = ["joining", "weakly_up", "up", "leaving", "exiting", "down", "removed"];

    private static readonly Gauge.Child[] ClusterMembers = GaugeChildren(
        "warren_cluster_members", "Cluster members as this node sees them, by member status.", "status", MemberStatuses);

    private static readonly Gauge ClusterUnreachable = Prometheus.Metrics.CreateGauge(
        "warren_cluster_unreachable_members", "Cluster members this node's failure detector marks unreachable.");

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
