namespace Warren.Relay.Sessions;

/// <summary>
/// To <c>/user/node</c> (or <c>/user/node/sessions</c>): stop accepting, tell every session
/// <see cref="DrainSession"/>, and answer <see cref="SessionsDrained"/> when the last one has stopped.
/// </summary>
public sealed record DrainSessions
{
    public static DrainSessions Instance { get; } = new();
}

/// <summary>The answer to <see cref="DrainSessions"/>: no session is left on this node.</summary>
public sealed record SessionsDrained
{
    public static SessionsDrained Instance { get; } = new();
}
