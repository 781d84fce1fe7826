namespace Warren.Relay.Sessions;

/// <summary>One tunnel as the session texts show it; the caller fills it from the tunnel registry.</summary>
/// <param name="Name">The tunnel name (given or generated).</param>
/// <param name="Kind">HTTP, TLS, alias or port.</param>
/// <param name="Port">
/// The port of the forward: 80 or 443 for HTTP and TLS (the edge's own port is in
/// <see cref="RelayEndpoints"/>), the alias port (5432), or the relay port allocated for
/// <see cref="TunnelKind.Port"/>.
/// </param>
/// <param name="SessionId">The session serving it (short id, as <c>status</c> shows it).</param>
/// <param name="OpenedAt">When the forward was bound.</param>
public sealed record TunnelInfo(string Name, TunnelKind Kind, int Port, string SessionId, DateTimeOffset OpenedAt);
