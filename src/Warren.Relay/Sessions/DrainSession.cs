namespace Warren.Relay.Sessions;

/// <summary>
/// The node is going away (SIGTERM): a session sends SSH DISCONNECT with
/// <see cref="Reason"/> and stops, so its client reconnects to another node.
/// </summary>
public sealed record DrainSession
{
    /// <summary>The DISCONNECT description a draining node sends (RFC 4253 section 11.1, reason BY_APPLICATION).</summary>
    public const string Reason = "this relay node is shutting down; reconnect to serve your tunnels again";

    public static DrainSession Instance { get; } = new();
}
