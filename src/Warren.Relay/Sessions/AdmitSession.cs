namespace Warren.Relay.Sessions;

/// <summary>
/// A connection just authenticated as <see cref="Account"/> and asks its parent
/// (<see cref="SessionsActor"/>) to count it against <see cref="SessionLimits.SessionsPerAccount"/>.
/// Answered with <see cref="SessionAdmitted"/> or <see cref="SessionRefused"/>. In a cluster the
/// count is the account's, over all nodes (the "account" entity), and the other fields go into
/// its session index.
/// </summary>
/// <param name="SessionId">The connection's id on this node (<c>conn-N</c>).</param>
/// <param name="Remote">The client's address and port.</param>
/// <param name="StartedAt">When the session authenticated.</param>
public sealed record AdmitSession(string Account, string SessionId = "", string Remote = "", DateTimeOffset StartedAt = default);

/// <summary>The session counts for its account until its actor stops.</summary>
public sealed record SessionAdmitted
{
    public static SessionAdmitted Instance { get; } = new();
}

/// <summary>The account has as many sessions as it may; <see cref="Reason"/> is the disconnect text.</summary>
public sealed record SessionRefused(string Reason);
