namespace Warren.Relay.Tunnels;

/// <summary>No live tunnel by that name (free, held with no backend, or not a valid name).</summary>
internal sealed record TunnelNotFound(string Name);
