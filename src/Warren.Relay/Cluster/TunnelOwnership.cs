namespace Warren.Relay.Cluster;

/// <summary>
/// From a sharded tunnel to the account entity: <see cref="Name"/> is now live for
/// <see cref="Account"/> (<see cref="Live"/>), or no longer is (which also drops a reservation
/// the account made for a bind that lost).
/// </summary>
internal sealed record TunnelOwnership(string Account, string Name, bool Live) : IAccountCommand;
