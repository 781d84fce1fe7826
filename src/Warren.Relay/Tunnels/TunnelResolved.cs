namespace Warren.Relay.Tunnels;

/// <summary>
/// The answer to <see cref="ResolveTunnel"/>: open a <c>forwarded-tcpip</c> channel on
/// <see cref="TunnelBackend.Session"/>. The caller checks that <see cref="Kind"/> (and, for a TCP
/// alias, <see cref="TunnelBackend.BindPort"/>) is what it came for.
/// </summary>
internal sealed record TunnelResolved(string Name, TunnelKind Kind, TunnelBackend Backend);
