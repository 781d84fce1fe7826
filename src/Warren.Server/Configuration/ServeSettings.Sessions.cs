using Warren.Relay.Tunnels;

namespace Warren.Server.Configuration;

/// <summary>The settings of a logged-in session: liveness, limits, tunnel names, idle streams.</summary>
internal static partial class ServeSettings
{
    /// <summary>Upper bound for the per-session and per-account limits; far above what one node holds.</summary>
    private const int MaxLimit = 1_000_000;

    private static ServeSetting[] SessionSettings =>
    [
        new()
        {
            Flag = "--client-alive-interval", Metavar = "SECONDS", Key = "Ssh:ClientAliveInterval", Shape = SettingShape.Scalar,
            Help = "sshd ClientAliveInterval: probe a silent client after this long; 0 = off (default: 15)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.ClientAliveIntervalSeconds = s),
        },
        new()
        {
            Flag = "--client-alive-count-max", Metavar = "N", Key = "Ssh:ClientAliveCountMax", Shape = SettingShape.Scalar,
            Help = "sshd ClientAliveCountMax: unanswered probes before disconnect, 1..100 (default: 3)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 100, "3", out var n) ?? Set(() => o.ClientAliveCountMax = n),
        },
        new()
        {
            Flag = "--send-timeout", Metavar = "SECONDS", Key = "Ssh:SendTimeout", Shape = SettingShape.Scalar,
            Help = "drop a session whose client has not taken a write for this long; 0 = never (default: 60)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.SendTimeoutSeconds = s),
        },
        new()
        {
            Flag = "--max-channels-per-session", Metavar = "N", Key = "Limits:ChannelsPerSession", Shape = SettingShape.Scalar,
            Help = "open channels of one session; more are refused (default: 1000)",
            Apply = (o, v) => SettingValues.Integer(v, 1, MaxLimit, "1000", out var n) ?? Set(() => o.MaxChannelsPerSession = n),
        },
        new()
        {
            Flag = "--max-forwards-per-session", Metavar = "N", Key = "Limits:ForwardsPerSession", Shape = SettingShape.Scalar,
            Help = "ssh -R forwards of one session; more are refused (default: 100)",
            Apply = (o, v) => SettingValues.Integer(v, 1, MaxLimit, "100", out var n) ?? Set(() => o.MaxForwardsPerSession = n),
        },
        new()
        {
            Flag = "--max-tunnels-per-account", Metavar = "N", Key = "Limits:TunnelsPerAccount", Shape = SettingShape.Scalar,
            Help = "distinct tunnel names of one account; more are refused (default: 100)",
            Apply = (o, v) => SettingValues.Integer(v, 1, MaxLimit, "100", out var n) ?? Set(() => o.MaxTunnelsPerAccount = n),
        },
        new()
        {
            Flag = "--max-sessions-per-account", Metavar = "N", Key = "Limits:SessionsPerAccount", Shape = SettingShape.Scalar,
            Help = "logged-in sessions of one account; more are disconnected (default: 50)",
            Apply = (o, v) => SettingValues.Integer(v, 1, MaxLimit, "50", out var n) ?? Set(() => o.MaxSessionsPerAccount = n),
        },
        new()
        {
            Flag = "--bind-policy", Metavar = "pool|replace", Key = "Tunnels:BindPolicy", Shape = SettingShape.Scalar,
            Help = "a second bind of a name by its owner joins a pool or replaces it (default: pool)",
            Apply = (o, v) => SettingValues.BindPolicy(v, out var p) ?? Set(() => o.BindPolicy = p),
        },
        new()
        {
            Flag = "--name-grace-time", Metavar = "SECONDS", Key = "Tunnels:NameGraceTime", Shape = SettingShape.Scalar,
            Help = "a released name is held this long for its owner; 0 = freed at once (default: 60)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.NameGraceTimeSeconds = s),
        },
        new()
        {
            Flag = "--tunnel-options-wait", Metavar = "MILLISECONDS", Key = "Tunnels:OptionsWait", Shape = SettingShape.Scalar,
            Help = "forwards of a session with no session channel (ssh -N) are routed this long after its last tcpip-forward; with one, when its command or shell arrives, 10..10000 (default: 300)",
            Apply = (o, v) => SettingValues.Integer(v, 10, 10000, "300", out var n) ?? Set(() => o.TunnelOptionsWaitMilliseconds = n),
        },
        new()
        {
            Flag = "--idle-timeout", Metavar = "SECONDS", Key = "Forwarding:IdleTimeout", Shape = SettingShape.Scalar,
            Help = "close a forwarded stream idle this long; 0 = never (default: 0)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.IdleTimeoutSeconds = s),
        },
    ];
}
