namespace Warren.Relay.Tunnels;

/// <summary>The answer to a successful <see cref="SetTunnelAllowList"/>.</summary>
internal sealed record TunnelAllowListSet(string Name, IReadOnlyCollection<string> Accounts);
