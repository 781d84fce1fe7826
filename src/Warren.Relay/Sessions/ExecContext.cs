namespace Warren.Relay.Sessions;

/// <summary>What the exec commands report on; the session actor gathers it.</summary>
/// <param name="Session">This session.</param>
/// <param name="AccountTunnels">The account's tunnels over all its sessions (this session's included).</param>
/// <param name="AccountSessions">The account's sessions now, this one included.</param>
/// <param name="Limits">The limits in force.</param>
/// <param name="Relay">Where people reach the relay.</param>
/// <param name="Now">The time of the answer (from the actor's TimeProvider).</param>
internal sealed record ExecContext(
    SessionInfo Session,
    IReadOnlyList<TunnelInfo> AccountTunnels,
    int AccountSessions,
    SessionLimits Limits,
    RelayEndpoints Relay,
    DateTimeOffset Now);
