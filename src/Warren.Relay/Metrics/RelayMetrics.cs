using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// The relay's Prometheus metrics (prometheus-net, default registry), grouped by concern in the
/// partial files. Names follow ARCHITECTURE.md: <c>warren_&lt;noun&gt;_&lt;unit&gt;</c>, counters end in
/// <c>_total</c>, durations in seconds, sizes in bytes. Every label has a small fixed set of values
/// (never a user, tunnel or address), and every series of a fixed set is created up front, so a
/// dashboard's <c>rate()</c> starts from zero rather than from the first event.
/// </summary>
/// <remarks>
/// Call sites hold no metric objects: they call the methods here, which pick a pre-made child by
/// index, so the hot path costs one interlocked add and allocates nothing.
/// </remarks>
public static partial class RelayMetrics
{
    /// <summary>Creates a counter with its label children for every value of <paramref name="values"/>, in order.</summary>
    private static Counter.Child[] CounterChildren(string name, string help, string label, IReadOnlyList<string> values)
    {
        var counter = Prometheus.Metrics.CreateCounter(name, help, label);
        return Children(values, v => counter.WithLabels(v));
    }

    /// <summary>Creates a gauge with its label children for every value of <paramref name="values"/>, in order.</summary>
    private static Gauge.Child[] GaugeChildren(string name, string help, string label, IReadOnlyList<string> values)
    {
        var gauge = Prometheus.Metrics.CreateGauge(name, help, label);
        return Children(values, v => gauge.WithLabels(v));
    }

    private static T[] Children<T>(IReadOnlyList<string> values, Func<string, T> create)
    {
        var children = new T[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            children[i] = create(values[i]);
        }

        return children;
    }
}
