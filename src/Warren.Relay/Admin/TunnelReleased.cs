namespace Warren.Relay.Admin;

/// <summary>The session stopped serving <paramref name="Name"/>; <paramref name="Bindings"/> forwards were dropped (0 if it served none).</summary>
public sealed record TunnelReleased(string SessionId, string Name, int Bindings);
