namespace Warren.Relay.Admin;

/// <summary>
/// Asks <c>/user/node/sessions</c> to disconnect connection <paramref name="SessionId"/> (SSH
/// DISCONNECT, "by application", with a reason). Answered with <see cref="SessionDisconnecting"/>
/// or <see cref="SessionNotFound"/>.
/// </summary>
public sealed record DisconnectSession(string SessionId);
