namespace Warren.Relay.Admin;

/// <summary>The answer to <see cref="ListSessions"/>: the connections that answered in time, by id.</summary>
public sealed record SessionList(IReadOnlyList<SessionView> Sessions);
