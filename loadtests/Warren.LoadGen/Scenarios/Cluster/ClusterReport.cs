using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios.Cluster;

/// <summary>The cluster figures as Markdown, with the goals (cross-node at least 0.7 of same-node; routing again under 5 s after kill -9).</summary>
internal static class ClusterReport
{
    private const double RatioGoal = 0.7;
    private const double FailoverGoalSeconds = 5.0;

    public static string Format(ClusterFigures figures, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## cluster: three nodes on 127.0.0.1-3, one tunnel, {figures.MegabytesPerRun} MiB per transfer, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| direction | same node MB/s | cross node MB/s | cross/same (goal >= 0.7) |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var direction in new[] { Direction.Download, Direction.Upload })
        {
            var same = figures.Transfers.FirstOrDefault(t => t.Direction == direction && t.Route == "same node");
            var cross = figures.Transfers.FirstOrDefault(t => t.Direction == direction && t.Route == "cross node");
            var ratio = figures.Ratio(direction);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {direction.ToString().ToLowerInvariant()} | {same?.MegabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) ?? "failed"} | {cross?.MegabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) ?? "failed"} " +
                $"| {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + (r >= RatioGoal ? string.Empty : " (missed)") : "n/a")} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cross-node bytes rode on: {figures.CrossNodePath}. Unreachable or gossip lines in the nodes' logs during the transfers: {figures.ClusterWarnings}.");
        if (figures.Failover is { } failover)
        {
            var met = failover.RoutedSeconds < FailoverGoalSeconds;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Failover (kill -9 of the tunnel's node, client reconnecting through another node after {failover.ReconnectDelaySeconds:0} s): first visit routed after {failover.FirstRouteSeconds:0.0} s, " +
                $"every visit routed after {failover.RoutedSeconds:0.0} s{(met ? string.Empty : " (missed)")} (goal < 5 s); {failover.Reconnects} reconnects.");
        }

        text.AppendLine("Each route: ssh -L through the node to the tunnel's name, transfers checked by SHA-256; the tunnel's ssh -R is on node 1.");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFAILURE: {failure}");
        }

        return text.ToString();
    }
}
