namespace Warren.Relay.Sessions;

/// <summary>The per-session and per-account limits of <see cref="SessionLimits"/>.</summary>
public enum LimitKind
{
    /// <summary>Open channels of one SSH session (direct-tcpip, forwarded-tcpip, session).</summary>
    ChannelsPerSession,

    /// <summary>Active tcpip-forward requests (ssh -R) of one SSH session.</summary>
    ForwardsPerSession,

    /// <summary>Distinct tunnel names an account holds, over all its sessions and nodes.</summary>
    TunnelsPerAccount,

    /// <summary>Authenticated SSH sessions of one account, over all nodes.</summary>
    SessionsPerAccount,
}
