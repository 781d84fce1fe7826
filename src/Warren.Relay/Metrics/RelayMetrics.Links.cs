using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// Relay links: the node-to-node connections that carry cross-node bridges. Bytes are counted
/// as they cross the socket (frame headers included), so a dashboard sees what the links cost.
/// </summary>
public static partial class RelayMetrics
{
    private static readonly Counter.Child[] LinkBytes = CounterChildren(
        "warren_relay_link_bytes_total", "Bytes this node's relay links sent and received, frame headers included.", "direction", ["sent", "received"]);

    private static readonly Gauge RelayLinks = Prometheus.Metrics.CreateGauge(
        "warren_relay_links", "Relay links to other nodes that are up (dialed and accepted).");

    private static readonly Gauge RelayLinkStreams = Prometheus.Metrics.CreateGauge(
        "warren_relay_link_streams", "Bridged streams open on this node's relay links.");

    private static readonly Counter RemotingBulkRefused = Prometheus.Metrics.CreateCounter(
        "warren_remoting_bulk_refused_total", "Bridge data messages that were about to cross nodes on Akka remoting and were dropped (bulk bytes belong on relay links; stays 0).");

    /// <summary>Counts bytes a relay link wrote (<paramref name="sent"/>) or read.</summary>
    public static void CountLinkBytes(long bytes, bool sent) => LinkBytes[sent ? 0 : 1].Inc(bytes);

    /// <summary>A relay link finished its handshake.</summary>
    public static void LinkOpened() => RelayLinks.Inc();

    /// <summary>A relay link actor stopped (after <see cref="LinkOpened"/> or not: only up links were counted).</summary>
    public static void LinkClosed(bool wasUp)
    {
        if (wasUp)
        {
            RelayLinks.Dec();
        }
    }

    /// <summary>A bridged stream started on a relay link.</summary>
    public static void LinkStreamOpened() => RelayLinkStreams.Inc();

    /// <summary>A bridged stream on a relay link ended.</summary>
    public static void LinkStreamClosed() => RelayLinkStreams.Dec();

    /// <summary>
    /// Visitor streams with an end on this node, for the drain: direct-tcpip and forwarded-tcpip
    /// channels, and relay-link streams (an edge visitor whose tunnel is on another node).
    /// </summary>
    public static long OpenVisitorStreams() =>
        (long)(ChannelsActive[ChannelTypeIndex("direct-tcpip")].Value + ChannelsActive[ChannelTypeIndex("forwarded-tcpip")].Value + RelayLinkStreams.Value);

    /// <summary>A bridge data message was refused by the remoting guard.</summary>
    public static void RemotingBulkMessageRefused() => RemotingBulkRefused.Inc();
}
