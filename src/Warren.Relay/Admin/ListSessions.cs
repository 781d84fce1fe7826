namespace Warren.Relay.Admin;

/// <summary>Asks <c>/user/node/sessions</c> for every connection on this node; answered with <see cref="SessionList"/>.</summary>
public sealed record ListSessions
{
    /// <summary>The one instance.</summary>
    public static ListSessions Instance { get; } = new();
}
