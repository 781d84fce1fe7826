namespace Warren.Relay.Tunnels;

/// <summary>The stop message of the passivation handshake; see <see cref="PassivateTunnel"/>.</summary>
internal sealed record StopTunnelEntity
{
    public static readonly StopTunnelEntity Instance = new();

    private StopTunnelEntity()
    {
    }
}
