namespace Warren.Ssh.Connection;

/// <summary>
/// The send half of a channel's flow control (RFC 4254 §5.2): the window and maximum packet the
/// peer granted us. The socket reader asks <see cref="TryReserve"/> how much it may read, so it never
/// reads more than the peer can take; nothing queues in between.
/// </summary>
/// <remarks>
/// <para>
/// Use: <c>TryReserve(bufferCapacity, out granted)</c>; read at most <c>granted</c> bytes from the
/// socket; <c>Commit(granted, read)</c>, which returns the unread part; send CHANNEL_DATA with the
/// read bytes. When TryReserve returns false, stop reading until a WINDOW_ADJUST arrives
/// (<see cref="TryAdjust"/> then <see cref="Available"/> &gt; 0).
/// </para>
/// <para>
/// A WINDOW_ADJUST that would take the window past 2^32-1 is a protocol error: OpenSSH fatals on it,
/// and russh's wrap-around was CVE-2025-54804. The window counts reserved bytes too, since the peer
/// has not yet seen them sent.
/// </para>
/// <para>Thread-safe: the connection applies adjustments while the socket reader reserves.</para>
/// </remarks>
public sealed class ChannelSendWindow
{
    private readonly Lock _gate = new();
    private long _available;
    private long _reserved;
    private long _totalSent;

    /// <summary>Creates the window from the peer's CHANNEL_OPEN or CHANNEL_OPEN_CONFIRMATION.</summary>
    /// <param name="initialWindowSize">The peer's initial window size, in bytes.</param>
    /// <param name="maximumPacketSize">The peer's maximum packet size (data bytes per message). 0 reads as
    /// a peer that can take nothing; <see cref="TryReserve"/> then never grants.</param>
    public ChannelSendWindow(uint initialWindowSize, uint maximumPacketSize)
    {
        MaximumPacketSize = maximumPacketSize;
        _available = initialWindowSize;
    }

    /// <summary>The most data bytes one CHANNEL_DATA may carry to this peer.</summary>
    public uint MaximumPacketSize { get; }

    /// <summary>Bytes that may be reserved now: the peer's window less what is reserved.</summary>
    public long Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Bytes reserved by readers and not yet committed.</summary>
    public long Reserved
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>All data bytes committed as sent.</summary>
    public long TotalSent => Interlocked.Read(ref _totalSent);

    /// <summary>
    /// Applies a CHANNEL_WINDOW_ADJUST. False, with nothing changed, when the window would exceed
    /// 2^32-1: the caller disconnects with <paramref name="reason"/>.
    /// </summary>
    public bool TryAdjust(uint bytesToAdd, out SshDisconnectReason reason)
    {
        lock (_gate)
        {
            if (_available + _reserved + bytesToAdd > uint.MaxValue)
            {
                reason = SshDisconnectReason.ProtocolError;
                return false;
            }

            _available += bytesToAdd;
        }

        reason = SshDisconnectReason.None;
        return true;
    }

    /// <summary>
    /// Reserves <c>min(wanted, Available, MaximumPacketSize)</c> bytes and returns true when that is
    /// more than zero. Every successful reservation is followed by exactly one <see cref="Commit"/>.
    /// </summary>
    public bool TryReserve(int wanted, out int granted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        lock (_gate)
        {
            granted = (int)Math.Min(Math.Min(wanted, _available), MaximumPacketSize);
            _available -= granted;
            _reserved += granted;
        }

        return granted > 0;
    }

    /// <summary>
    /// Ends a reservation of <paramref name="reserved"/> bytes of which <paramref name="sent"/> went
    /// into a CHANNEL_DATA; the rest returns to the window. Misuse throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void Commit(int reserved, int sent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sent, reserved);
        lock (_gate)
        {
            if (reserved > _reserved)
            {
                throw new InvalidOperationException($"Committing {reserved} bytes but only {_reserved} are reserved.");
            }

            _reserved -= reserved;
            _available += reserved - sent;
            _totalSent += sent;
        }
    }
}
