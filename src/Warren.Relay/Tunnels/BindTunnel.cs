namespace Warren.Relay.Tunnels;

/// <summary>
/// A session asks to serve <see cref="Name"/> (a <c>tcpip-forward</c> with a name). Answered with
/// <see cref="TunnelBound"/> or <see cref="TunnelBindRefused"/>.
/// </summary>
/// <param name="Policy">What a second bind by the owner does; null: the node's default (--bind-policy).</param>
/// <param name="Fresh">
/// The name was just generated: bind it only if it is free (neither bound nor held), so a
/// generated name never lands in an existing tunnel, even the same account's.
/// </param>
internal sealed record BindTunnel(
    string Name,
    string Account,
    TunnelBackend Backend,
    BindPolicy? Policy = null,
    bool Fresh = false) : ITunnelCommand;
