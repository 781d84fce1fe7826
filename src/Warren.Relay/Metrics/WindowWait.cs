namespace Warren.Relay.Metrics;

/// <summary>
/// One channel's share of <c>warren_channels_waiting_window</c>: the owner reports its state
/// whenever it may have changed, and the gauge moves only on a change. The owner calls
/// <see cref="Clear"/> when it stops, so a channel that dies waiting leaves nothing behind.
/// Not thread-safe: one actor owns it.
/// </summary>
internal sealed class WindowWait
{
    private bool _waiting;

    /// <summary>True while the channel has bytes to move but the peer's window (or the credit it gave) is used up.</summary>
    public void Set(bool waiting)
    {
        if (waiting != _waiting)
        {
            _waiting = waiting;
            RelayMetrics.WaitingOnWindow(waiting);
        }
    }

    public void Clear() => Set(false);
}
