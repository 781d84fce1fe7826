namespace Warren.Relay.Sessions;

/// <summary>
/// A connection just authenticated as <see cref="Account"/> and asks its parent
/// (<see cref="SessionsActor"/>) to count it against <see cref="SessionLimits.SessionsPerAccount"/>.
/// Answered with <see cref="SessionAdmitted"/> or <see cref="SessionRefused"/>.
/// </summary>
public sealed record AdmitSession(string Account);

/// <summary>The session counts for its account until its actor stops.</summary>
public sealed record SessionAdmitted
{
    public static SessionAdmitted Instance { get; } = new();
}

/// <summary>The account has as many sessions as it may; <see cref="Reason"/> is the disconnect text.</summary>
public sealed record SessionRefused(string Reason);
