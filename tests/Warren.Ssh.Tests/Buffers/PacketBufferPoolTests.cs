using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Buffers;

/// <summary>The capped packet buffer pool: counts, the cap, double returns, leaks, concurrency.</summary>
public sealed class PacketBufferPoolTests
{
    [Fact]
    public void PacketBuffer_Layout_LeavesHeadroomForPacketAndChannelDataHeaders()
    {
        var pool = new PacketBufferPool(maxOutstanding: 1);
        Assert.True(pool.TryRent(out var buffer));
        Assert.Equal(5 + 9, PacketBuffer.DataOffset);
        Assert.Equal(PacketBufferPool.DefaultDataCapacity, buffer.DataCapacity);
        Assert.Equal(PacketBuffer.DataOffset + PacketBufferPool.DefaultDataCapacity + PacketBuffer.TrailerSize, buffer.Length);
        Assert.Equal(pool.BufferSize, buffer.Span.Length);
        Assert.Same(pool, buffer.Pool);
        buffer.Return();
    }

    [Fact]
    public void TryRent_ThenReturn_CountsExactly()
    {
        var pool = new PacketBufferPool(maxOutstanding: 4, dataCapacity: 64);
        Assert.True(pool.TryRent(out var a));
        Assert.True(pool.TryRent(out var b));
        Assert.Equal(2, pool.Outstanding);
        Assert.Equal(2, pool.Rented);
        a.Return();
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(1, pool.Returned);
        b.Return();
        Assert.True(pool.TryRent(out var c));
        c.Return();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(3, pool.Rented);
        Assert.Equal(3, pool.Returned);
        Assert.Equal(2, pool.Allocated);
    }

    [Fact]
    public void TryRent_AtCap_FailsUntilAReturn()
    {
        var pool = new PacketBufferPool(maxOutstanding: 2, dataCapacity: 64);
        Assert.True(pool.TryRent(out var a));
        Assert.True(pool.TryRent(out _));
        Assert.False(pool.TryRent(out var refused));
        Assert.False(refused.IsAllocated);
        Assert.Equal(1, pool.RentFailures);
        Assert.Equal(2, pool.Outstanding);
        a.Return();
        Assert.True(pool.TryRent(out _));
        Assert.Equal(2, pool.Allocated);
    }

    [Fact]
    public void Return_Twice_ThrowsWhenAskedAndIsAlwaysCounted()
    {
        var throwing = new PacketBufferPool(maxOutstanding: 2, dataCapacity: 64, throwOnDoubleReturn: true);
        Assert.True(throwing.TryRent(out var buffer));
        buffer.Return();
        Assert.Throws<InvalidOperationException>(buffer.Return);
        Assert.Equal(1, throwing.DoubleReturns);
        Assert.Equal(1, throwing.Returned);
        Assert.Equal(0, throwing.Outstanding);

        var counting = new PacketBufferPool(maxOutstanding: 2, dataCapacity: 64, throwOnDoubleReturn: false);
        Assert.True(counting.TryRent(out var other));
        other.Return();
        other.Return();
        Assert.Equal(1, counting.DoubleReturns);
        Assert.Equal(0, counting.Outstanding);
    }

    [Fact]
    public void Return_StaleCopyAfterReRent_LeavesTheNewRentalAlone()
    {
        var pool = new PacketBufferPool(maxOutstanding: 1, dataCapacity: 64, throwOnDoubleReturn: false);
        Assert.True(pool.TryRent(out var first));
        var stale = first;
        first.Return();
        Assert.True(pool.TryRent(out var second));
        stale.Return();
        Assert.Equal(1, pool.DoubleReturns);
        Assert.Equal(1, pool.Outstanding);
        second.Span[0] = 42; // still the owner's
        Assert.NotEqual(first, second);
        second.Return();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Span_AfterReturn_Throws()
    {
        var pool = new PacketBufferPool(maxOutstanding: 1, dataCapacity: 64);
        Assert.True(pool.TryRent(out var buffer));
        buffer.Return();
        Assert.Throws<ObjectDisposedException>(() => buffer.Span[0]);
        Assert.Throws<InvalidOperationException>(() => default(PacketBuffer).Span[0]);
    }

    [Fact]
    public void GetOutstandingRenters_WithLeakTracking_NamesTheRenter()
    {
        var pool = new PacketBufferPool(maxOutstanding: 2, dataCapacity: 64, trackLeaks: true);
        Assert.True(pool.TryRent(out var kept));
        Assert.True(pool.TryRent(out var returned));
        returned.Return();

        var renters = pool.GetOutstandingRenters();

        var renter = Assert.Single(renters);
        Assert.Contains(nameof(GetOutstandingRenters_WithLeakTracking_NamesTheRenter), renter, StringComparison.Ordinal);
        kept.Return();
        Assert.Empty(pool.GetOutstandingRenters());
    }

    [Fact]
    public void TryRent_ManyThreadsRentingAndReturning_KeepsCountsExactAndUnderCap()
    {
        const int Cap = 16;
        const int Threads = 8;
        const int Rounds = 20_000;
        var pool = new PacketBufferPool(Cap, dataCapacity: 64, throwOnDoubleReturn: true);
        var highWater = 0;
        var inHand = 0;
        long successes = 0;
        var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var held = new Queue<PacketBuffer>();
            for (var i = 0; i < Rounds; i++)
            {
                if (pool.TryRent(out var buffer))
                {
                    Interlocked.Increment(ref successes);
                    buffer.Span[PacketBuffer.DataOffset] = (byte)t;
                    held.Enqueue(buffer);
                    // Buffers really held, counted here: the pool's own counter briefly reads one
                    // over the cap while a refused TryRent backs its increment out.
                    var outstanding = Interlocked.Increment(ref inHand);
                    int seen;
                    while (outstanding > (seen = Volatile.Read(ref highWater)) && Interlocked.CompareExchange(ref highWater, outstanding, seen) != seen)
                    {
                    }
                }

                if (held.Count > 2 || (held.Count > 0 && (i & 1) == 0))
                {
                    Interlocked.Decrement(ref inHand);
                    held.Dequeue().Return();
                }
            }

            while (held.Count > 0)
            {
                Interlocked.Decrement(ref inHand);
                held.Dequeue().Return();
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromSeconds(60))));

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(successes, pool.Rented);
        Assert.Equal(pool.Rented, pool.Returned);
        Assert.Equal(0, pool.DoubleReturns);
        Assert.Equal(Threads * (long)Rounds, pool.Rented + pool.RentFailures);
        Assert.True(highWater <= Cap, $"high water {highWater}");
        Assert.True(pool.Allocated <= Cap);
    }

    [Fact]
    public void SocketReadToPacket_HeadersWrittenInFront_ParseBack()
    {
        var pool = new PacketBufferPool(maxOutstanding: 1, dataCapacity: 32);
        Assert.True(pool.TryRent(out var buffer));
        var read = new byte[32];
        Random.Shared.NextBytes(read);
        read.CopyTo(buffer.Memory[PacketBuffer.DataOffset..]);

        var payloadLength = ChannelData.WriteHeader(buffer.Span[PacketBuffer.ChannelDataHeaderOffset..], 9, read.Length);

        Assert.Equal(ChannelData.HeaderSize + 32, payloadLength);
        Assert.True(ChannelData.TryRead(buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset, payloadLength), out _, out var offset, out var length));
        Assert.Equal(read, buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset + offset, length).ToArray());
        Assert.True(buffer.Length - PacketBuffer.DataOffset - read.Length >= PacketBuffer.TrailerSize);
        buffer.Return();
    }
}
