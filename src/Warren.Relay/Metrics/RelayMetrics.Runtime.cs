using Prometheus;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Metrics;

/// <summary>The packet buffer pool, node readiness and the .NET runtime beyond prometheus-net's own collectors.</summary>
public static partial class RelayMetrics
{
    private static readonly Gauge PoolMaxBuffers = Prometheus.Metrics.CreateGauge(
        "warren_buffer_pool_max_buffers", "The cap on packet buffers rented at once.");

    private static readonly Gauge PoolAllocatedBytes = Prometheus.Metrics.CreateGauge(
        "warren_buffer_pool_allocated_bytes", "Bytes of packet buffers allocated so far (kept for the life of the pool).");

    private static readonly Gauge PoolOutstanding = Prometheus.Metrics.CreateGauge(
        "warren_buffer_pool_outstanding_buffers", "Packet buffers rented and not yet returned.");

    private static readonly Counter PoolRentFailures = Prometheus.Metrics.CreateCounter(
        "warren_buffer_pool_rent_failures_total", "Rent attempts refused because the pool's cap was reached (readers wait: backpressure).");

    private static readonly Counter AllocatedBytes = Prometheus.Metrics.CreateCounter(
        "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started (GC.GetTotalAllocatedBytes).");

    private static readonly Gauge NodeReady = Prometheus.Metrics.CreateGauge(
        "warren_node_ready", "1 when /readyz answers 200 (SSH listening, not draining), else 0.");

    private static PacketBufferPool? _observedPool;
    private static int _runtimeObserved;

    /// <summary>Reports <paramref name="pool"/> as the <c>warren_buffer_pool_*</c> metrics, read at each scrape (the latest pool wins).</summary>
    public static void ObservePool(PacketBufferPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (Interlocked.Exchange(ref _observedPool, pool) is null)
        {
            Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(CollectPool);
        }
    }

    /// <summary>Adds <c>dotnet_gc_allocated_bytes_total</c>, read at each scrape. Idempotent.</summary>
    public static void ObserveRuntime()
    {
        if (Interlocked.Exchange(ref _runtimeObserved, 1) == 0)
        {
            Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() => AllocatedBytes.IncTo(GC.GetTotalAllocatedBytes()));
        }
    }

    /// <summary>Sets <c>warren_node_ready</c>.</summary>
    public static void SetReady(bool ready) => NodeReady.Set(ready ? 1 : 0);

    private static void CollectPool()
    {
        if (Volatile.Read(ref _observedPool) is not { } pool)
        {
            return;
        }

        PoolMaxBuffers.Set(pool.MaxOutstanding);
        PoolAllocatedBytes.Set((double)pool.Allocated * pool.BufferSize);
        PoolOutstanding.Set(pool.Outstanding);
        PoolRentFailures.IncTo(pool.RentFailures);
    }
}
