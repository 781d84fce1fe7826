using System.Globalization;
using System.Text.RegularExpressions;
using Warren.Relay.Cluster;
using Warren.Relay.Tunnels;

namespace Warren.Cluster.Tests.Entities;

/// <summary>The watcher that keeps the cluster metrics current, in a cluster of one.</summary>
public sealed partial class ClusterMetricsWatcherTests : OneNodeClusterKit
{
    [Fact]
    public void Watcher_ClusterOfOneWithATunnel_ReportsOneMemberUpAndTheShardsHostedHere()
    {
        ClusterTunnels.WatchMetrics(Sys);
        var session = CreateTestProbe();
        Tunnels.Tell(new BindTunnel("watched", "gina", Backend(session, "watched")), session);
        session.ExpectMsg<TunnelBound>(Wait);

        AwaitAssert(
            () =>
            {
                var text = Export();
                Assert.Equal(1, Value(text, "warren_cluster_members{status=\"up\"}"));
                Assert.Equal(0, Value(text, "warren_cluster_unreachable_members"));
                Assert.True(Value(text, "warren_cluster_shards_hosted{type=\"tunnel\"}") >= 1, text);
                Assert.True(Value(text, "warren_cluster_entities_hosted{type=\"tunnel\"}") >= 1, text);
            },
            TimeSpan.FromSeconds(20));
    }

    private static string Export()
    {
        using var stream = new MemoryStream();
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"{series} is not exported:\n{text}");
        return double.Parse(SampleValue().Match(line).Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\S+$")]
    private static partial Regex SampleValue();
}
