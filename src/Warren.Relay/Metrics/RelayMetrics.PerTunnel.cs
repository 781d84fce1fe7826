using System.Collections.Concurrent;
using Prometheus;

namespace Warren.Relay.Metrics;

/// <summary>
/// The per-tunnel opt-in: <c>warren_tunnel_relayed_bytes_total{tunnel,direction}</c> and
/// <c>warren_tunnel_visitors_total{tunnel}</c>, for operators with few tunnels. Off by default,
/// since a label per tunnel grows with users. Separate metric names keep the default series
/// label-bounded, and a cap keeps even the opt-in bounded: the first <c>limit</c> tunnel names
/// seen get series of their own, every later one counts as <c>tunnel="other"</c>.
/// </summary>
public static partial class RelayMetrics
{
    /// <summary>The <c>tunnel</c> label of the tunnels beyond the cap.</summary>
    public const string OtherTunnel = "other";

    private static PerTunnelSeries? _perTunnel;

    /// <summary>Turns the per-tunnel series on (the first call wins; once per process).</summary>
    public static void EnablePerTunnel(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Interlocked.CompareExchange(ref _perTunnel, new PerTunnelSeries(limit), null);
    }

    /// <summary>The series of tunnel <paramref name="name"/>, or null when the opt-in is off.</summary>
    public static TunnelCounters? ForTunnel(string name) => Volatile.Read(ref _perTunnel)?.For(name);

    private sealed class PerTunnelSeries
    {
        private readonly int _limit;
        private readonly Counter _bytes = Prometheus.Metrics.CreateCounter(
            "warren_tunnel_relayed_bytes_total",
            "Channel data bytes of one tunnel (opt-in, --metrics-per-tunnel): direction=in from the tunnel's client, out to it; tunnels beyond the cap are tunnel=\"other\".",
            "tunnel", "direction");

        private readonly Counter _visitors = Prometheus.Metrics.CreateCounter(
            "warren_tunnel_visitors_total",
            "Visitor streams opened to one tunnel (opt-in, --metrics-per-tunnel); tunnels beyond the cap are tunnel=\"other\".",
            "tunnel");

        private readonly ConcurrentDictionary<string, TunnelCounters> _named = new(StringComparer.Ordinal);
        private readonly TunnelCounters _other;
        private readonly Lock _adding = new();

        public PerTunnelSeries(int limit)
        {
            _limit = limit;
            _other = new TunnelCounters(_bytes, _visitors, OtherTunnel);
        }

        public TunnelCounters For(string name)
        {
            var tunnel = name.ToLowerInvariant();
            if (_named.TryGetValue(tunnel, out var counters))
            {
                return counters;
            }

            lock (_adding)
            {
                // "other" is taken by the overflow; a tunnel of that name shares its series.
                if (_named.Count >= _limit || tunnel == OtherTunnel)
                {
                    return _other;
                }

                return _named.GetOrAdd(tunnel, t => new TunnelCounters(_bytes, _visitors, t));
            }
        }
    }
}
