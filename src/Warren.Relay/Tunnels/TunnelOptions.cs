using Warren.Relay.Listeners;
using Warren.Relay.Sessions;

namespace Warren.Relay.Tunnels;

/// <summary>Settings of named tunnels.</summary>
internal sealed record TunnelOptions
{
    /// <summary>
    /// How long a name stays reserved for its owner after its last backend leaves, so a reconnect
    /// gets it back and no one else grabs it meanwhile. Zero frees it at once.
    /// </summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Live tunnel names per account (a pool of several sessions on one name counts once; a held
    /// name does not count, so reconnects with generated names never run into the limit).
    /// </summary>
    public int MaxTunnelsPerAccount { get; init; } = SessionLimits.Default.TunnelsPerAccount;

    /// <summary>The policy of a bind that names none (every <c>tcpip-forward</c> for now).</summary>
    public BindPolicy DefaultBindPolicy { get; init; } = BindPolicy.Pool;

    public TunnelNameRules NameRules { get; init; } = TunnelNameRules.Default;

    /// <summary>The refusal for a bind over <see cref="MaxTunnelsPerAccount"/>, in the words of <see cref="SessionLimits"/>.</summary>
    public string TunnelLimitText(string account) =>
        $"too many tunnels for account '{account}': "
        + new SessionLimits { TunnelsPerAccount = MaxTunnelsPerAccount }.RefusalText(LimitKind.TunnelsPerAccount);

    /// <summary>The tunnel settings of a node, from its listener options.</summary>
    public static TunnelOptions From(SshListenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TunnelOptions
        {
            HoldFor = options.NameGraceTime,
            MaxTunnelsPerAccount = options.Limits.TunnelsPerAccount,
            DefaultBindPolicy = options.BindPolicy,
            NameRules = new TunnelNameRules(TunnelNameRules.DefaultReserved, options.CustomDomains),
        };
    }
}
