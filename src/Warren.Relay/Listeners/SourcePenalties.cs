using System.Net;

namespace Warren.Relay.Listeners;

/// <summary>
/// OpenSSH 9.8's PerSourcePenalties: each bad event from a source address range (see
/// <see cref="SourceBlock"/>) adds penalty time to it; once the accrued penalty reaches
/// <see cref="SourcePenaltyOptions.Min"/>, new connections from the range are refused at accept
/// until it runs out. Penalties add up to at most <see cref="SourcePenaltyOptions.Max"/> ahead
/// of now, and expire by the clock.
/// </summary>
/// <remarks>
/// Thread-safe (one lock; every operation is O(1)). Memory is bounded: at most
/// <see cref="SourcePenaltyOptions.MaxSources"/> ranges per address family, the least recently
/// penalised forgotten first, so spoofed or hopping sources cannot grow the table.
/// </remarks>
public sealed class SourcePenalties
{
    private readonly SourcePenaltyOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly PenaltyTable _ipv4;
    private readonly PenaltyTable _ipv6;

    public SourcePenalties(SourcePenaltyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSources, 1);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ipv4 = new PenaltyTable(options.MaxSources);
        _ipv6 = new PenaltyTable(options.MaxSources);
    }

    /// <summary>Address ranges currently tracked (penalised or accruing), both families.</summary>
    public int TrackedSources
    {
        get
        {
            lock (_lock)
            {
                return _ipv4.Count + _ipv6.Count;
            }
        }
    }

    /// <summary>
    /// True when connections from <paramref name="source"/> are to be refused now;
    /// <paramref name="remaining"/> is how long that lasts (zero when not penalised).
    /// </summary>
    public bool IsPenalised(IPAddress source, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (IsExempt(source))
        {
            return false;
        }

        var block = SourceBlock.Of(source);
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            var table = TableFor(block);
            if (!table.TryGet(block.Prefix, out var penalty))
            {
                return false;
            }

            if (penalty.ExpiresAt <= now)
            {
                table.Remove(block.Prefix);
                return false;
            }

            if (!penalty.Active)
            {
                return false;
            }

            remaining = _time.GetElapsedTime(now, penalty.ExpiresAt);
            return true;
        }
    }

    /// <summary>
    /// Adds the penalty for <paramref name="kind"/> to <paramref name="source"/>'s range. Call it
    /// once per event: a connection that ends after failed attempts is one authentication failure.
    /// </summary>
    public void Penalise(IPAddress source, PenaltyKind kind)
    {
        var amount = _options.For(kind);
        if (IsExempt(source))
        {
            return;
        }

        Metrics.RelayMetrics.Penalised(kind);
        var block = SourceBlock.Of(source);
        var now = _time.GetTimestamp();
        var frequency = _time.TimestampFrequency;
        var max = now + Ticks(_options.Max, frequency);
        lock (_lock)
        {
            var table = TableFor(block);
            var start = table.TryGet(block.Prefix, out var existing) && existing.ExpiresAt > now ? existing.ExpiresAt : now;
            var expiresAt = Math.Min(start + Ticks(amount, frequency), max);

            // Like sshd: once enforcement starts it lasts until the penalty runs out.
            var active = existing.Active && existing.ExpiresAt > now
                || expiresAt - now >= Ticks(_options.Min, frequency);
            table.Set(block.Prefix, new Penalty(expiresAt, active), now);
        }
    }

    private static long Ticks(TimeSpan span, long frequency) =>
        (long)Math.Min(span.TotalSeconds * frequency, long.MaxValue / 4);

    private bool IsExempt(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_options.Exempt.Count == 0)
        {
            return false;
        }

        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var network in _options.Exempt)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private PenaltyTable TableFor(SourceBlock block) => block.IsIPv6 ? _ipv6 : _ipv4;
}
