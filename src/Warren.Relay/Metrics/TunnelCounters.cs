using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// One tunnel's series of the per-tunnel opt-in (<c>--metrics-per-tunnel</c>): bytes each way
/// and visitors. A channel takes them once, when it opens, and adds to them without a look-up.
/// </summary>
public sealed class TunnelCounters
{
    internal TunnelCounters(Counter bytes, Counter visitors, string tunnel)
    {
        In = bytes.WithLabels(tunnel, "in");
        Out = bytes.WithLabels(tunnel, "out");
        Visitors = visitors.WithLabels(tunnel);
    }

    /// <summary>Bytes the tunnel's SSH client sent (its service's answers).</summary>
    public Counter.Child In { get; }

    /// <summary>Bytes sent to the tunnel's SSH client (what visitors sent).</summary>
    public Counter.Child Out { get; }

    /// <summary>Visitor streams opened to the tunnel.</summary>
    public Counter.Child Visitors { get; }
}
