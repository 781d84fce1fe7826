namespace Warren.Relay.Cluster;

/// <summary>Asks the account entity for what it counts; answered with <see cref="AccountIndex"/>.</summary>
public sealed record ListAccount(string Account) : IAccountCommand;

/// <summary>One session as the account entity indexes it.</summary>
public sealed record IndexedSession(string SessionId, string Node, string Remote, DateTimeOffset StartedAt);

/// <summary>The account's live sessions (by node and id) and its tunnel names (live or reserved), cluster-wide.</summary>
public sealed record AccountIndex(string Account, IReadOnlyList<IndexedSession> Sessions, IReadOnlyList<string> Tunnels);
