namespace Warren.Relay.Tunnels;

/// <summary>
/// A session asks for a tunnel with a generated name (<c>ssh -R 80:host:port</c>, or a bind
/// address of <c>localhost</c> or empty, on port 80 or 443). Answered like
/// <see cref="BindTunnel"/>; <see cref="TunnelBound.Name"/> carries the name.
/// </summary>
/// <remarks>
/// Handled by <see cref="TunnelRegistry"/>, which knows every live and held name on this node.
/// Under sharding no one actor knows them all: the session side generates the name and sends
/// <see cref="BindTunnel"/> with <c>Fresh: true</c>, drawing again on a refusal.
/// </remarks>
internal sealed record BindGeneratedTunnel(string Account, TunnelBackend Backend);
