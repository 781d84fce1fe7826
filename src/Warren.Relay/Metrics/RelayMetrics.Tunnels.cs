using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>Tunnels, binds and the visitor edges (HTTP, TLS, TCP).</summary>
public static partial class RelayMetrics
{
    /// <summary>Indexed by <see cref="Sessions.TunnelKind"/>.</summary>
    private static readonly string[] TunnelKinds = ["http", "tls", "alias", "port"];

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private static readonly Gauge.Child[] TunnelsActive = GaugeChildren(
        "warren_tunnels_active", "Tunnel bindings (ssh -R) served by sessions on this node, by kind.", "kind", TunnelKinds);

    private static readonly Counter BindsRefused = Prometheus.Metrics.CreateCounter(
        "warren_tunnel_binds_refused_total", "tcpip-forward requests refused, by a fixed set of reasons.", "reason");

    private static readonly Counter Visitors = Prometheus.Metrics.CreateCounter(
        "warren_edge_visitors_total", "Visitor connections accepted by an edge listener.", "edge");

    private static readonly Counter.Child[] HttpResponses = CounterChildren(
        "warren_edge_http_responses_total", "HTTP responses sent to visitors by the HTTP edge, by status class.", "class", StatusClasses);

    private static readonly Histogram EdgeDuration = Prometheus.Metrics.CreateHistogram(
        "warren_edge_request_duration_seconds",
        "Time from a visitor's request (or connection) to the first byte back from the tunnel, by edge.",
        new HistogramConfiguration { LabelNames = ["edge"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });

    /// <summary>A session started serving a tunnel of <paramref name="kind"/>.</summary>
    public static void TunnelBound(Sessions.TunnelKind kind) => TunnelsActive[(int)kind].Inc();

    /// <summary>A session stopped serving a tunnel of <paramref name="kind"/>.</summary>
    public static void TunnelUnbound(Sessions.TunnelKind kind) => TunnelsActive[(int)kind].Dec();

    /// <summary>A tcpip-forward was refused; <paramref name="reason"/> is the text sent in the log, reduced to a fixed set.</summary>
    public static void BindRefused(string reason) => BindsRefused.WithLabels(BindRefusalReasons.Classify(reason)).Inc();

    /// <summary>A visitor connected through <paramref name="edge"/>.</summary>
    public static void VisitorAccepted(RelayEdge edge) => Visitors.WithLabels(EdgeLabel(edge)).Inc();

    /// <summary>The HTTP edge answered a visitor with <paramref name="status"/> after <paramref name="elapsed"/>.</summary>
    public static void HttpResponded(int status, TimeSpan elapsed)
    {
        HttpResponses[Math.Clamp((status / 100) - 1, 0, StatusClasses.Length - 1)].Inc();
        EdgeDuration.WithLabels("http").Observe(elapsed.TotalSeconds);
    }

    /// <summary>A TLS or TCP visitor got its first byte from the tunnel after <paramref name="elapsed"/>.</summary>
    public static void EdgeResponded(RelayEdge edge, TimeSpan elapsed) =>
        EdgeDuration.WithLabels(EdgeLabel(edge)).Observe(elapsed.TotalSeconds);

    private static string EdgeLabel(RelayEdge edge) => Edges[(int)edge];

    private static void InitialiseTunnelSeries()
    {
        foreach (var reason in BindRefusalReasons.All)
        {
            BindsRefused.WithLabels(reason);
        }

        foreach (var edge in new[] { "http", "tls", "tcp" })
        {
            Visitors.WithLabels(edge);
            EdgeDuration.WithLabels(edge);
        }
    }
}
