namespace Warren.Relay.Tunnels;

/// <summary>The answer to a successful bind.</summary>
/// <param name="Name">The tunnel name (lowercase; the generated one for <see cref="BindGeneratedTunnel"/>).</param>
/// <param name="Outcome">
/// <see cref="TunnelBindOutcome.Bound"/>, <see cref="TunnelBindOutcome.JoinedPool"/>,
/// <see cref="TunnelBindOutcome.TookOver"/> or <see cref="TunnelBindOutcome.AlreadyBound"/>.
/// </param>
internal sealed record TunnelBound(string Name, TunnelKind Kind, TunnelBindOutcome Outcome, TunnelBackend Backend);
