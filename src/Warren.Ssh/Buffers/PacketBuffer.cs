namespace Warren.Ssh.Buffers;

/// <summary>
/// A handle to one rented buffer of a <see cref="PacketBufferPool"/>: the data path's unit of
/// ownership. A value type, so renting and passing it allocate nothing.
/// </summary>
/// <remarks>
/// <para>
/// Ownership: whoever rents it owns it. Putting it in a message passes ownership to the receiver,
/// and the sender must not touch it afterwards. Exactly one owner calls <see cref="Return"/>, once,
/// when the bytes have left the process (written to the socket or encrypted and sent) or are
/// dropped. Copies of the handle are the same rental: returning through any copy ends it.
/// </para>
/// <para>
/// A second return, through this handle or a stale copy after the block was rented again, is
/// caught by a rental token: it is counted in <see cref="PacketBufferPool.DoubleReturns"/>, does
/// not touch the new renter's block, and throws when the pool was made with
/// <c>throwOnDoubleReturn</c> (the default in Debug builds). Reading <see cref="Span"/> after return throws.
/// </para>
/// <para>
/// Layout: <see cref="DataOffset"/> leaves room for the 5-byte packet header (uint32 packet length,
/// byte padding length) and the 9-byte CHANNEL_DATA header (byte 94, uint32 recipient, uint32
/// length), so a socket read at <see cref="DataOffset"/> becomes a packet with headers written in front
/// (<see cref="Connection.ChannelData.WriteHeader"/> at <see cref="ChannelDataHeaderOffset"/>) and
/// padding and MAC written behind, without a copy.
/// </para>
/// </remarks>
public readonly struct PacketBuffer : IEquatable<PacketBuffer>
{
    /// <summary>Bytes of the binary packet header: uint32 packet_length and byte padding_length (RFC 4253 §6).</summary>
    public const int PacketHeaderSize = 5;

    /// <summary>Where a CHANNEL_DATA payload starts: right after the packet header.</summary>
    public const int ChannelDataHeaderOffset = PacketHeaderSize;

    /// <summary>Where channel data read from a socket goes: after both headers.</summary>
    public const int DataOffset = PacketHeaderSize + Connection.ChannelData.HeaderSize;

    /// <summary>Room after the data for padding (at most 255 bytes) and a MAC or tag (at most 64 bytes).</summary>
    public const int TrailerSize = 255 + 64;

    private readonly PacketBufferPool.Block? _block;
    private readonly int _token;

    internal PacketBuffer(PacketBufferPool.Block block, int token)
    {
        _block = block;
        _token = token;
    }

    /// <summary>False for <c>default</c>, a handle that never came from a pool.</summary>
    public bool IsAllocated => _block is not null;

    /// <summary>The whole buffer, headers and trailer room included. Throws once the rental has ended.</summary>
    public Span<byte> Span => Live().Array;

    /// <summary>The whole buffer as memory, for socket and stream I/O. Throws once the rental has ended.</summary>
    public Memory<byte> Memory => Live().Array;

    /// <summary>Length of the whole buffer.</summary>
    public int Length => _block?.Array.Length ?? 0;

    /// <summary>How many data bytes fit at <see cref="DataOffset"/> with room for the trailer.</summary>
    public int DataCapacity => Length - DataOffset - TrailerSize;

    /// <summary>The pool it came from.</summary>
    public PacketBufferPool? Pool => _block?.Pool;

    /// <summary>Ends the rental and gives the buffer back to its pool. Call exactly once, as its sole owner.</summary>
    public void Return()
    {
        if (_block is null)
        {
            throw new InvalidOperationException("This PacketBuffer was never rented.");
        }

        _block.Pool.Return(_block, _token);
    }

    /// <inheritdoc/>
    public bool Equals(PacketBuffer other) => ReferenceEquals(_block, other._block) && _token == other._token;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PacketBuffer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_block, _token);

    /// <summary>Same rental.</summary>
    public static bool operator ==(PacketBuffer left, PacketBuffer right) => left.Equals(right);

    /// <summary>Different rentals.</summary>
    public static bool operator !=(PacketBuffer left, PacketBuffer right) => !left.Equals(right);

    private PacketBufferPool.Block Live()
    {
        var block = _block ?? throw new InvalidOperationException("This PacketBuffer was never rented.");
        if (Volatile.Read(ref block.Token) != _token)
        {
            throw new ObjectDisposedException(nameof(PacketBuffer), "The buffer was returned to its pool.");
        }

        return block;
    }
}
