using System.Diagnostics;

namespace Warren.Ssh.Buffers;

/// <summary>
/// A capped pool of fixed-size packet buffers for the data path (socket read to encrypted write and
/// back) with no copy in between. Memory is bounded: at most <see cref="MaxOutstanding"/> buffers
/// exist, and <see cref="TryRent"/> says no beyond that rather than allocating.
/// </summary>
/// <remarks>
/// <para>
/// Buffers are allocated lazily, on the pinned object heap (socket I/O pins them anyway), and kept
/// for the life of the pool. Renting and returning allocate nothing once a buffer exists.
/// </para>
/// <para>
/// Counters are exact under concurrency: <see cref="Outstanding"/> = <see cref="Rented"/> -
/// <see cref="Returned"/> whenever no call is in flight. Tests assert <see cref="Outstanding"/> is 0
/// after a session closes. With <c>trackLeaks</c> each rental records its renter's stack, which
/// <see cref="GetOutstandingRenters"/> lists; it costs a stack walk per rent, so it is off by default.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class PacketBufferPool
{
    /// <summary>Data bytes per buffer by default: 64 KiB, twice OpenSSH's 32 KiB channel maximum packet.</summary>
    public const int DefaultDataCapacity = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly Block?[] _all;
    private readonly Block[] _free;
    private readonly bool _trackLeaks;
    private readonly bool _throwOnDoubleReturn;
    private int _freeCount;
    private int _created;
    private int _outstanding;
    private long _rented;
    private long _returned;
    private long _doubleReturns;
    private long _rentFailures;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="maxOutstanding">The most buffers rented at once; also the most that will ever exist.</param>
    /// <param name="dataCapacity">Data bytes that fit at <see cref="PacketBuffer.DataOffset"/>.</param>
    /// <param name="trackLeaks">Record the renter's stack with each rental.</param>
    /// <param name="throwOnDoubleReturn">Throw on a second return; null means yes in Debug builds, no in Release (counted either way).</param>
    public PacketBufferPool(int maxOutstanding, int dataCapacity = DefaultDataCapacity, bool trackLeaks = false, bool? throwOnDoubleReturn = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutstanding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dataCapacity);
        MaxOutstanding = maxOutstanding;
        BufferSize = PacketBuffer.DataOffset + dataCapacity + PacketBuffer.TrailerSize;
        _all = new Block?[maxOutstanding];
        _free = new Block[maxOutstanding];
        _trackLeaks = trackLeaks;
#if DEBUG
        _throwOnDoubleReturn = throwOnDoubleReturn ?? true;
#else
        _throwOnDoubleReturn = throwOnDoubleReturn ?? false;
#endif
    }

    /// <summary>The cap on buffers rented at once.</summary>
    public int MaxOutstanding { get; }

    /// <summary>Bytes in each buffer: headroom, data capacity and trailer room.</summary>
    public int BufferSize { get; }

    /// <summary>Buffers rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Successful rentals since the pool was made.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    /// <summary>Valid returns since the pool was made.</summary>
    public long Returned => Interlocked.Read(ref _returned);

    /// <summary>Returns of a rental that had already ended (a bug in an owner); they change nothing else.</summary>
    public long DoubleReturns => Interlocked.Read(ref _doubleReturns);

    /// <summary>Rent attempts refused because <see cref="MaxOutstanding"/> buffers were out.</summary>
    public long RentFailures => Interlocked.Read(ref _rentFailures);

    /// <summary>Buffers allocated so far (never more than <see cref="MaxOutstanding"/>).</summary>
    public int Allocated => Volatile.Read(ref _created);

    /// <summary>
    /// Rents a buffer; the caller owns it until it calls <see cref="PacketBuffer.Return"/> or hands
    /// it on. False when <see cref="MaxOutstanding"/> buffers are out: the caller stops reading (its
    /// socket stays unread, which is the backpressure) and tries again after a return.
    /// </summary>
    public bool TryRent(out PacketBuffer buffer)
    {
        if (Interlocked.Increment(ref _outstanding) > MaxOutstanding)
        {
            Interlocked.Decrement(ref _outstanding);
            Interlocked.Increment(ref _rentFailures);
            buffer = default;
            return false;
        }

        Block? block = null;
        var slot = -1;
        lock (_gate)
        {
            if (_freeCount > 0)
            {
                block = _free[--_freeCount];
            }
            else
            {
                // No free block while this rental holds a slot under the cap, so blocks in existence
                // are fewer than MaxOutstanding and the index is in range.
                slot = _created++;
            }
        }

        if (block is null)
        {
            block = new Block(this, GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true));
            Volatile.Write(ref _all[slot], block);
        }

        if (_trackLeaks)
        {
            block.RentedBy = new StackTrace(1, fNeedFileInfo: true).ToString();
        }

        Volatile.Write(ref block.InUse, true);
        Interlocked.Increment(ref _rented);
        buffer = new PacketBuffer(block, Volatile.Read(ref block.Token));
        return true;
    }

    /// <summary>
    /// Stacks of the renters of buffers still out, when the pool tracks leaks; otherwise one line
    /// per outstanding buffer saying that tracking is off.
    /// </summary>
    public IReadOnlyList<string> GetOutstandingRenters()
    {
        var result = new List<string>();
        var created = Volatile.Read(ref _created);
        for (var i = 0; i < created; i++)
        {
            var block = Volatile.Read(ref _all[i]);
            if (block is not null && Volatile.Read(ref block.InUse))
            {
                result.Add(block.RentedBy ?? "(leak tracking is off)");
            }
        }

        return result;
    }

    internal void Return(Block block, int token)
    {
        // The token moves on exactly once per rental, so a second return (or a stale copy of the
        // handle returning after the block was rented again) fails this exchange.
        if (Interlocked.CompareExchange(ref block.Token, unchecked(token + 1), token) != token)
        {
            Interlocked.Increment(ref _doubleReturns);
            if (_throwOnDoubleReturn)
            {
                throw new InvalidOperationException("PacketBuffer returned twice: it has exactly one owner, who returns it once.");
            }

            return;
        }

        block.RentedBy = null;
        Volatile.Write(ref block.InUse, false);
        lock (_gate)
        {
            _free[_freeCount++] = block;
        }

        Interlocked.Increment(ref _returned);
        Interlocked.Decrement(ref _outstanding);
    }

    /// <summary>One pooled array and its rental state.</summary>
    internal sealed class Block
    {
        // Fields, not properties: Interlocked and Volatile need refs to them. Token counts
        // rentals; a handle is valid while its token equals this one.
        public int Token;
        public bool InUse;
        public string? RentedBy;

        public Block(PacketBufferPool pool, byte[] array)
        {
            Pool = pool;
            Array = array;
        }

        public PacketBufferPool Pool { get; }

        public byte[] Array { get; }
    }
}
