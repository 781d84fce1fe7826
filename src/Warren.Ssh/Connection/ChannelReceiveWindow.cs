namespace Warren.Ssh.Connection;

/// <summary>
/// The receive half of a channel's flow control (RFC 4254 §5.2): the window we granted the peer.
/// The peer may send CHANNEL_DATA and CHANNEL_EXTENDED_DATA only within it; we widen it with
/// WINDOW_ADJUST only after the bytes have left the process, so the bytes a channel holds in memory
/// never exceed <see cref="InitialWindowSize"/> plus <see cref="ExcessTolerance"/>.
/// </summary>
/// <remarks>
/// <para>
/// Life of a byte: <see cref="TryConsume(int, out SshDisconnectReason)"/> when it arrives (it moves
/// from <see cref="Window"/> to <see cref="Buffered"/>), <see cref="Released"/> when it has been
/// written to the socket (to <see cref="PendingGrant"/>), <see cref="TryTakeAdjustment"/> when
/// enough has piled up to be worth a WINDOW_ADJUST (back to <see cref="Window"/>). At every moment
/// <c>Window + Buffered + PendingGrant == InitialWindowSize</c>, so a grant can never push the
/// peer's window past 2^32-1.
/// </para>
/// <para>
/// Excess tolerance. OpenSSH (channels.c <c>channel_input_data</c>) accepts data beyond the window
/// until the excess passes a tenth of the window, then disconnects with "peer ignored channel
/// window". Warren allows the same tenth by default: clients are tested against sshd, so one that
/// overshoots a little (counting a window before an adjust it has not yet seen applied, say) works
/// there and should work here, and memory stays bounded at 1.1 × window. Unlike OpenSSH the excess
/// is not forgiven by an empty packet: it stays charged until the bytes are released and granted.
/// Pass <c>excessTolerance: 0</c> to be strict.
/// </para>
/// <para>
/// Maximum packet. OpenSSH logs and drops a CHANNEL_DATA longer than its maximum packet; Warren
/// treats it as a protocol error, since dropping data silently corrupts the stream.
/// </para>
/// <para>Thread-safe: the connection's reader may consume while the socket's writer releases.</para>
/// </remarks>
public sealed class ChannelReceiveWindow
{
    private readonly Lock _gate = new();
    private long _window;
    private long _buffered;
    private long _pending;
    private long _totalConsumed;
    private long _totalGranted;

    /// <summary>Creates the window we announce in CHANNEL_OPEN or CHANNEL_OPEN_CONFIRMATION.</summary>
    /// <param name="initialWindowSize">The initial window we announce, in bytes.</param>
    /// <param name="maximumPacketSize">The largest data length we accept in one message; at least 1.</param>
    /// <param name="excessTolerance">Bytes beyond the window we tolerate; null means a tenth of the window, as OpenSSH.</param>
    /// <param name="adjustThreshold">
    /// Released bytes that make a WINDOW_ADJUST worth sending. Null means half the window, lowered to
    /// <c>window - maximumPacketSize</c> when that is smaller so that a peer waiting for room for a
    /// whole packet is never starved.
    /// </param>
    public ChannelReceiveWindow(uint initialWindowSize, uint maximumPacketSize, uint? excessTolerance = null, uint? adjustThreshold = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maximumPacketSize);
        InitialWindowSize = initialWindowSize;
        MaximumPacketSize = maximumPacketSize;
        ExcessTolerance = excessTolerance ?? initialWindowSize / 10;
        var defaultThreshold = Math.Min(initialWindowSize / 2L, (long)initialWindowSize - maximumPacketSize);
        AdjustThreshold = adjustThreshold ?? (uint)Math.Max(1L, defaultThreshold);
        ArgumentOutOfRangeException.ThrowIfZero(AdjustThreshold);
        _window = initialWindowSize;
    }

    /// <summary>The initial window we announced, in bytes.</summary>
    public uint InitialWindowSize { get; }

    /// <summary>The maximum data length we announced for one CHANNEL_DATA or EXTENDED_DATA.</summary>
    public uint MaximumPacketSize { get; }

    /// <summary>Bytes beyond the window tolerated before a disconnect.</summary>
    public uint ExcessTolerance { get; }

    /// <summary>Released bytes at which <see cref="TryTakeAdjustment"/> grants them back.</summary>
    public uint AdjustThreshold { get; }

    /// <summary>Bytes the peer may still send; negative while it is in tolerated excess.</summary>
    public long Window
    {
        get
        {
            lock (_gate)
            {
                return _window;
            }
        }
    }

    /// <summary>Bytes received and not yet released: what this channel holds in memory.</summary>
    public long Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffered;
            }
        }
    }

    /// <summary>Bytes released and not yet granted back.</summary>
    public long PendingGrant
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>All data bytes accepted so far.</summary>
    public long TotalConsumed => Interlocked.Read(ref _totalConsumed);

    /// <summary>All bytes granted back by WINDOW_ADJUST so far.</summary>
    public long TotalGranted => Interlocked.Read(ref _totalGranted);

    /// <summary>
    /// Accounts for a CHANNEL_DATA or CHANNEL_EXTENDED_DATA of <paramref name="length"/> data bytes.
    /// False when it is longer than <see cref="MaximumPacketSize"/> or goes beyond the window by more
    /// than <see cref="ExcessTolerance"/>: the caller disconnects with <paramref name="reason"/>
    /// (<see cref="SshDisconnectReason.ProtocolError"/>). Nothing is charged on failure.
    /// </summary>
    public bool TryConsume(int length, out SshDisconnectReason reason) => TryConsume(length, out reason, out _);

    /// <summary>As <see cref="TryConsume(int, out SshDisconnectReason)"/>, with a fixed description for the DISCONNECT message.</summary>
    public bool TryConsume(int length, out SshDisconnectReason reason, out string description)
    {
        reason = SshDisconnectReason.ProtocolError;
        if (length < 0)
        {
            description = "negative channel data length";
            return false;
        }

        if ((uint)length > MaximumPacketSize)
        {
            description = "channel data larger than the maximum packet size";
            return false;
        }

        lock (_gate)
        {
            if (_window - length < -(long)ExcessTolerance)
            {
                description = "peer ignored channel window";
                return false;
            }

            _window -= length;
            _buffered += length;
            _totalConsumed += length;
        }

        reason = SshDisconnectReason.None;
        description = string.Empty;
        return true;
    }

    /// <summary>
    /// Records that <paramref name="length"/> consumed bytes have left the process (written to the
    /// socket, or dropped with the channel). Releasing more than was consumed is a bug in the caller
    /// and throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void Released(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (_gate)
        {
            if (length > _buffered)
            {
                throw new InvalidOperationException($"Released {length} bytes but only {_buffered} are buffered.");
            }

            _buffered -= length;
            _pending += length;
        }
    }

    /// <summary>
    /// When at least <see cref="AdjustThreshold"/> bytes have been released since the last grant,
    /// takes them all, widens the window by that much and returns true: the caller sends
    /// CHANNEL_WINDOW_ADJUST with <paramref name="bytesToGrant"/>. Call it after each
    /// <see cref="Released"/>.
    /// </summary>
    public bool TryTakeAdjustment(out uint bytesToGrant)
    {
        lock (_gate)
        {
            if (_pending < AdjustThreshold)
            {
                bytesToGrant = 0;
                return false;
            }

            // _window + _buffered + _pending == InitialWindowSize <= uint.MaxValue, so this fits.
            bytesToGrant = (uint)_pending;
            _window += _pending;
            _totalGranted += _pending;
            _pending = 0;
            return true;
        }
    }
}
