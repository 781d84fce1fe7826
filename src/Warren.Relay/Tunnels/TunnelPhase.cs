namespace Warren.Relay.Tunnels;

/// <summary>Where one tunnel name is in its life; see <see cref="TunnelState"/>.</summary>
internal enum TunnelPhase
{
    /// <summary>No owner: anyone may bind it.</summary>
    Free,

    /// <summary>An owner and at least one live backend.</summary>
    Bound,

    /// <summary>No live backend; only the owner may bind it until the hold ends.</summary>
    Held,
}
