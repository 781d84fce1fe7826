using System.Globalization;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Sessions;

/// <summary>
/// How much one session and one account may hold. Going over refuses that one channel open
/// (OPEN_FAILURE, resource shortage), tcpip-forward (REQUEST_FAILURE plus an event line) or new
/// session, with a reason naming the limit and its setting; never what already runs.
/// </summary>
/// <remarks>
/// Defaults, and why:
/// <list type="bullet">
/// <item><c>ChannelsPerSession</c> 1000: a browser behind <c>ssh -D</c> keeps a few hundred
/// connections open; each channel's memory is bounded by its SSH window, so 1000 bounds a
/// session's memory while no ordinary client meets it (CVE-2026-39827: cap channels per session).</item>
/// <item><c>ForwardsPerSession</c> 100: one <c>ssh -R</c> per service a person or container
/// publishes (sish #280: 2-3 per container); 100 leaves room and bounds a session's listeners.</item>
/// <item><c>TunnelsPerAccount</c> 100: distinct names (a name served by several sessions of
/// the account counts once), so one account cannot squat the namespace; fleets raise it.</item>
/// <item><c>SessionsPerAccount</c> 50: autossh reconnects and several machines of one account
/// fit; a runaway reconnect loop does not take the node.</item>
/// </list>
/// The setting keys (<see cref="SettingKey"/>) follow the <c>Section:Key</c> form of the other
/// serve settings (JSON <c>Limits.ChannelsPerSession</c>, environment <c>WARREN__Limits__ChannelsPerSession</c>).
/// </remarks>
public sealed record SessionLimits
{
    /// <summary>The defaults above.</summary>
    public static SessionLimits Default { get; } = new();

    /// <summary>Open channels per SSH session.</summary>
    public int ChannelsPerSession { get; init; } = 1000;

    /// <summary>Active tcpip-forward requests per SSH session.</summary>
    public int ForwardsPerSession { get; init; } = 100;

    /// <summary>Distinct tunnel names per account.</summary>
    public int TunnelsPerAccount { get; init; } = 100;

    /// <summary>Authenticated sessions per account.</summary>
    public int SessionsPerAccount { get; init; } = 50;

    /// <summary>The configured value of one limit.</summary>
    public int Of(LimitKind kind) => kind switch
    {
        LimitKind.ChannelsPerSession => ChannelsPerSession,
        LimitKind.ForwardsPerSession => ForwardsPerSession,
        LimitKind.TunnelsPerAccount => TunnelsPerAccount,
        LimitKind.SessionsPerAccount => SessionsPerAccount,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The setting that raises the limit: <c>Limits:ChannelsPerSession</c> and so on.</summary>
    public static string SettingKey(LimitKind kind) => "Limits:" + kind.ToString();

    /// <summary>The open-failure code for a channel refused by this limit (RFC 4254 §5.1).</summary>
    public static ChannelOpenFailureCode FailureCode => ChannelOpenFailureCode.ResourceShortage;

    /// <summary>True when every limit is at least 1; otherwise <paramref name="error"/> names the bad one.</summary>
    public bool TryValidate(out string error)
    {
        foreach (var kind in Enum.GetValues<LimitKind>())
        {
            if (Of(kind) < 1)
            {
                error = $"{SettingKey(kind)} is {Of(kind).ToString(CultureInfo.InvariantCulture)}; it must be at least 1";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The reason for a refusal by <paramref name="kind"/>: the limit, what the person can do,
    /// and the setting the operator raises.
    /// </summary>
    public string RefusalText(LimitKind kind)
    {
        var limit = Of(kind).ToString(CultureInfo.InvariantCulture);
        var (what, remedy) = kind switch
        {
            LimitKind.ChannelsPerSession => ("open channels per session", "close some connections of this session"),
            LimitKind.ForwardsPerSession => ("forwards (ssh -R) per session", "cancel a forward of this session"),
            LimitKind.TunnelsPerAccount => ("tunnels per account", "close a tunnel of this account (`tunnels` lists them)"),
            LimitKind.SessionsPerAccount => ("sessions per account", "close another session of this account"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return $"limit reached: {limit} {what}; {remedy}, or ask the operator to raise {SettingKey(kind)}";
    }
}
