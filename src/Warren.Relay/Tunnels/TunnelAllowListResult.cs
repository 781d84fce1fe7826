namespace Warren.Relay.Tunnels;

/// <summary>The result of <see cref="TunnelState.SetAllowList"/>.</summary>
internal enum TunnelAllowListResult
{
    Set,

    /// <summary>The name is free: there is no tunnel to set it on.</summary>
    NotFound,

    /// <summary>The caller does not own the tunnel.</summary>
    NotOwner,
}
