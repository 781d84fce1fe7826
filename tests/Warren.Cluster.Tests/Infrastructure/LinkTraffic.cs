using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// A node's relay-link counters at one moment: bytes its links sent and received, and the
/// bridge messages the remoting guard refused (bulk bytes that tried to ride on remoting).
/// </summary>
internal sealed record LinkTraffic(double Sent, double Received, double RemotingRefused)
{
    public static async Task<LinkTraffic> GetAsync(WarrenProcess node)
    {
        var scrape = await MetricsScrape.GetAsync(node.MetricsPort, node.Host);
        return new LinkTraffic(
            scrape.Sum("warren_relay_link_bytes_total", "direction=\"sent\""),
            scrape.Sum("warren_relay_link_bytes_total", "direction=\"received\""),
            scrape.Sum("warren_remoting_bulk_refused_total"));
    }
}
