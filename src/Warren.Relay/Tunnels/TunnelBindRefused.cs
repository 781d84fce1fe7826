namespace Warren.Relay.Tunnels;

/// <summary>
/// The answer to a refused bind. The session refuses that one <c>tcpip-forward</c>
/// (REQUEST_FAILURE) and may show <see cref="Reason"/> to the client; the session goes on.
/// </summary>
internal sealed record TunnelBindRefused(string Name, string Reason, TunnelBackend Backend);
