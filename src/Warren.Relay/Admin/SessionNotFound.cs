namespace Warren.Relay.Admin;

/// <summary>No connection of that id on this node.</summary>
public sealed record SessionNotFound(string SessionId);
