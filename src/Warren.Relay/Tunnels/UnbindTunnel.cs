namespace Warren.Relay.Tunnels;

/// <summary>
/// A session stops serving <see cref="Name"/> (<c>cancel-tcpip-forward</c>, or a clean close).
/// Answered with <see cref="TunnelUnbound"/> or <see cref="TunnelNotFound"/>; a session that dies
/// need not send it, the tunnel watches it.
/// </summary>
internal sealed record UnbindTunnel(string Name, TunnelBackend Backend) : ITunnelCommand;
