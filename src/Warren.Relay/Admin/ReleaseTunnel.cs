namespace Warren.Relay.Admin;

/// <summary>
/// Asks session <paramref name="SessionId"/> (through <c>/user/node/sessions</c>) to stop serving
/// tunnel <paramref name="Name"/>, as if its client had sent cancel-tcpip-forward. Answered with
/// <see cref="TunnelReleased"/> or <see cref="SessionNotFound"/>.
/// </summary>
public sealed record ReleaseTunnel(string SessionId, string Name);
