namespace Warren.Relay.Tunnels;

/// <summary>The result of <see cref="TunnelState.Unbind"/> and <see cref="TunnelState.UnbindSession"/>.</summary>
internal enum TunnelUnbindResult
{
    /// <summary>The backend did not serve this name (already gone, or never bound).</summary>
    NotBound,

    /// <summary>Removed; other backends still serve the name.</summary>
    Unbound,

    /// <summary>The last backend left: the name is now held for its owner for the grace time.</summary>
    Released,
}
