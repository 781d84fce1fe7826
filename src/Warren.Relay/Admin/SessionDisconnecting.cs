namespace Warren.Relay.Admin;

/// <summary>The connection got <see cref="DisconnectSession"/> and is saying goodbye.</summary>
public sealed record SessionDisconnecting(string SessionId);
