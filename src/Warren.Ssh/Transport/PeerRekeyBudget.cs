namespace Warren.Ssh.Transport;

/// <summary>
/// How often the peer may start a key exchange (CVE-2025-8277 class: each exchange costs a
/// key pair, a shared secret and a host key signature, so a peer that starts them again and
/// again burns CPU for nothing). An exchange after at least <see cref="SshTransportSettings.PeerRekeyFreeBytes"/>
/// of traffic is what a byte-based RekeyLimit does and is always free; others spend one of
/// <see cref="SshTransportSettings.PeerRekeyBurst"/> tokens, which come back one per
/// <see cref="SshTransportSettings.PeerRekeyRefill"/>. Used by the reading task only.
/// </summary>
internal sealed class PeerRekeyBudget
{
    private readonly SshTransportSettings _settings;
    private double _tokens;
    private long _lastRefill;

    public PeerRekeyBudget(SshTransportSettings settings)
    {
        _settings = settings;
        _tokens = settings.PeerRekeyBurst;
        _lastRefill = settings.Time.GetTimestamp();
    }

    /// <summary>False when the peer has started too many exchanges too fast; the caller disconnects.</summary>
    public bool TrySpend(long bytesSinceLastExchange)
    {
        var now = _settings.Time.GetTimestamp();
        var refill = _settings.PeerRekeyRefill;
        if (refill > TimeSpan.Zero)
        {
            _tokens = Math.Min(_settings.PeerRekeyBurst, _tokens + (_settings.Time.GetElapsedTime(_lastRefill, now) / refill));
        }

        _lastRefill = now;
        if (bytesSinceLastExchange >= _settings.PeerRekeyFreeBytes)
        {
            return true;
        }

        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
