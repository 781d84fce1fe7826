namespace Warren.Relay.Tunnels;

/// <summary>
/// From a <see cref="TunnelEntity"/> to the quota keeper (the local <see cref="TunnelRegistry"/>;
/// the account entity under sharding): <see cref="Name"/> is now live for
/// <see cref="LiveOwner"/>, or for no one (free or held). Sent after every bind and whenever the
/// live owner changes, so a reservation the keeper made for a refused bind is dropped.
/// </summary>
internal sealed record TunnelUsage(string Name, string? LiveOwner);
