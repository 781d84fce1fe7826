namespace Warren.Relay.Tunnels;

/// <summary>Settings of named tunnels.</summary>
internal sealed record TunnelOptions
{
    /// <summary>
    /// How long a name stays reserved for its owner after its last backend leaves, so a reconnect
    /// gets it back and no one else grabs it meanwhile. Zero frees it at once.
    /// </summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Live tunnel names per account (a pool of several sessions on one name counts once; a held
    /// name does not count, so reconnects with generated names never run into the limit).
    /// </summary>
    public int MaxTunnelsPerAccount { get; init; } = 20;

    public TunnelNameRules NameRules { get; init; } = TunnelNameRules.Default;
}
