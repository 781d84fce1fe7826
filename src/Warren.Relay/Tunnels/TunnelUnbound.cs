namespace Warren.Relay.Tunnels;

/// <summary>The answer to <see cref="UnbindTunnel"/> when the backend was bound.</summary>
internal sealed record TunnelUnbound(string Name, TunnelBackend Backend);
