namespace Warren.Relay.Tunnels;

/// <summary>
/// What a second binding of a name by its owner does. Another account is always refused; the
/// policy only decides between sessions of the same account.
/// </summary>
public enum BindPolicy
{
    /// <summary>Join the live backends; visitors are served round-robin. The default.</summary>
    Pool,

    /// <summary>
    /// Take the name over: the live backends are dropped (and told), the new one serves alone.
    /// For a redeploy or a reconnect that must not wait for a stale session to time out.
    /// </summary>
    Replace,
}
