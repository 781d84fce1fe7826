namespace Warren.Relay.Edge;

/// <summary>
/// Counts of what the edge did, for the metrics endpoint to read (a hook: the edge only counts).
/// Thread-safe; every field only grows, except the gauges.
/// </summary>
public static class EdgeCounters
{
    private static long _httpRequests;
    private static long _notFound;
    private static long _badGateway;
    private static long _passthroughConnections;
    private static long _refusedConnections;
    private static long _openConnections;

    /// <summary>Requests forwarded (or tried) through the HTTP edge.</summary>
    public static long HttpRequests => Interlocked.Read(ref _httpRequests);

    /// <summary>404 answers: no tunnel of that name.</summary>
    public static long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>502 answers: the tunnel's service could not be reached.</summary>
    public static long BadGateway => Interlocked.Read(ref _badGateway);

    /// <summary>TLS connections passed through by SNI.</summary>
    public static long PassthroughConnections => Interlocked.Read(ref _passthroughConnections);

    /// <summary>Visitor connections closed at once (over the per-address limit, or TLS with nowhere to go).</summary>
    public static long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Visitor connections open now (gauge).</summary>
    public static long OpenConnections => Interlocked.Read(ref _openConnections);

    internal static void HttpRequest() => Interlocked.Increment(ref _httpRequests);

    internal static void NotFoundAnswer() => Interlocked.Increment(ref _notFound);

    internal static void BadGatewayAnswer() => Interlocked.Increment(ref _badGateway);

    internal static void Passthrough() => Interlocked.Increment(ref _passthroughConnections);

    internal static void Refused() => Interlocked.Increment(ref _refusedConnections);

    internal static void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    internal static void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);
}
