using System.Net;

namespace Warren.Relay.Listeners;

/// <summary>
/// sshd's MaxStartups, as a hard limit, with a per-source cap beside it: at most
/// <see cref="MaxStartups"/> connections that have not finished authentication at once, and at
/// most <see cref="PerSourceMaxStartups"/> of them from one source range (an IPv4 address or an
/// IPv6 /64, see <see cref="SourceBlock"/>). A connection over either limit is refused rather
/// than queued, so a flood cannot pin memory or crowd out other sources.
/// </summary>
/// <remarks>
/// Thread-safe (one lock, O(1) per call). Memory is bounded by <see cref="MaxStartups"/>: a
/// source's count is dropped when it reaches zero.
/// </remarks>
public sealed class StartupLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SourceBlock, int> _perSource = new();
    private int _active;
    private long _refusedGlobal;
    private long _refusedPerSource;

    public StartupLimiter(int maxStartups = 100, int perSourceMaxStartups = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStartups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSourceMaxStartups, 1);
        MaxStartups = maxStartups;
        PerSourceMaxStartups = perSourceMaxStartups;
    }

    /// <summary>Unauthenticated connections allowed at once, from all sources.</summary>
    public int MaxStartups { get; }

    /// <summary>Unauthenticated connections allowed at once from one source range.</summary>
    public int PerSourceMaxStartups { get; }

    /// <summary>Leases held now: connections still authenticating.</summary>
    public int Active
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    /// <summary>Connections refused because <see cref="MaxStartups"/> were in progress (for metrics).</summary>
    public long RefusedGlobal => Interlocked.Read(ref _refusedGlobal);

    /// <summary>Connections refused because their source had <see cref="PerSourceMaxStartups"/> in progress (for metrics).</summary>
    public long RefusedPerSource => Interlocked.Read(ref _refusedPerSource);

    /// <summary>
    /// Takes a slot for a new connection from <paramref name="source"/>. On true, dispose
    /// <paramref name="lease"/> once authentication succeeds or the connection ends, whichever
    /// comes first (disposing again is harmless). On false the lease is a no-op.
    /// </summary>
    public bool TryEnter(IPAddress source, out IDisposable lease)
    {
        var block = SourceBlock.Of(source);
        lock (_lock)
        {
            if (_active >= MaxStartups)
            {
                Interlocked.Increment(ref _refusedGlobal);
                lease = Lease.None;
                return false;
            }

            _perSource.TryGetValue(block, out var fromSource);
            if (fromSource >= PerSourceMaxStartups)
            {
                Interlocked.Increment(ref _refusedPerSource);
                lease = Lease.None;
                return false;
            }

            _perSource[block] = fromSource + 1;
            _active++;
        }

        lease = new Lease(this, block);
        return true;
    }

    private void Exit(SourceBlock block)
    {
        lock (_lock)
        {
            _active--;
            var left = _perSource[block] - 1;
            if (left == 0)
            {
                _perSource.Remove(block);
            }
            else
            {
                _perSource[block] = left;
            }
        }
    }

    /// <summary>One slot; gives it back exactly once however often it is disposed.</summary>
    private sealed class Lease : IDisposable
    {
        public static readonly IDisposable None = new Lease(null, default);

        private StartupLimiter? _owner;
        private readonly SourceBlock _block;

        public Lease(StartupLimiter? owner, SourceBlock block)
        {
            _owner = owner;
            _block = block;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Exit(_block);
    }
}
