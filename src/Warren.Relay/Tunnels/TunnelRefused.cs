namespace Warren.Relay.Tunnels;

/// <summary>The tunnel exists but this account may not do that (reach it, or set its allow-list).</summary>
internal sealed record TunnelRefused(string Name, string Reason);
