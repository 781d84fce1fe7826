using Prometheus;
using Warren.Relay.Listeners;

namespace Warren.Relay.Metrics;

/// <summary>Authentication attempts and the pre-authentication limits (MaxStartups, PerSourcePenalties).</summary>
public static partial class RelayMetrics
{
    private static readonly string[] Methods = ["publickey", "password", "keyboard-interactive", "hostbased", "none", "other"];

    private static readonly string[] PreAuthRefusalReasons = ["penalised", "max_startups"];

    /// <summary>Indexed by <see cref="PenaltyKind"/>.</summary>
    private static readonly string[] PenaltyKinds = ["auth_failure", "grace_time", "protocol_violation"];

    private static readonly Counter AuthAttempts = Prometheus.Metrics.CreateCounter(
        "warren_auth_attempts_total", "Authentication attempts that counted (RFC 4252), by method and result (success or failure).", "method", "result");

    private static readonly Counter AuthFailures = Prometheus.Metrics.CreateCounter(
        "warren_auth_failures_total", "Failed authentication attempts, by method and a fixed set of reasons.", "method", "reason");

    private static readonly Counter.Child[] PreAuthRefusals = CounterChildren(
        "warren_preauth_refusals_total", "Connections closed before the SSH handshake by a pre-authentication limit.", "reason", PreAuthRefusalReasons);

    private static readonly Counter.Child[] Penalties = CounterChildren(
        "warren_source_penalties_total", "Penalties given to source address ranges (sshd PerSourcePenalties), by kind.", "kind", PenaltyKinds);

    private static readonly Gauge PenalisedSources = Prometheus.Metrics.CreateGauge(
        "warren_penalised_sources", "Source address ranges (IPv4 address or IPv6 /64) tracked with a penalty, enforced or accruing.");

    private static SourcePenalties? _observedPenalties;

    static RelayMetrics()
    {
        foreach (var method in Methods)
        {
            AuthAttempts.WithLabels(method, "success");
            AuthAttempts.WithLabels(method, "failure");
        }

        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
            PenalisedSources.Set(Volatile.Read(ref _observedPenalties)?.TrackedSources ?? 0));
        InitialiseTunnelSeries();
        InitialiseClusterSeries();
    }

    /// <summary>One authentication attempt; <paramref name="reason"/> is the free text of the audit log, reduced here to a fixed set.</summary>
    public static void AuthAttempt(string method, bool success, string reason)
    {
        var label = Method(method);
        AuthAttempts.WithLabels(label, success ? "success" : "failure").Inc();
        if (!success)
        {
            AuthFailures.WithLabels(label, AuthFailureReasons.Classify(reason)).Inc();
        }
    }

    /// <summary>A connection refused because its source is penalised.</summary>
    public static void RefusedPenalised() => PreAuthRefusals[0].Inc();

    /// <summary>A connection refused by MaxStartups or PerSourceMaxStartups.</summary>
    public static void RefusedTooManyStartups() => PreAuthRefusals[1].Inc();

    /// <summary>A source range was given a penalty of <paramref name="kind"/>.</summary>
    public static void Penalised(PenaltyKind kind) => Penalties[(int)kind].Inc();

    /// <summary>Reports <paramref name="penalties"/>' tracked sources as <c>warren_penalised_sources</c> (the node's latest listener wins).</summary>
    public static void ObservePenalties(SourcePenalties? penalties) => Volatile.Write(ref _observedPenalties, penalties);

    private static string Method(string method)
    {
        foreach (var known in Methods)
        {
            if (string.Equals(known, method, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return "other";
    }
}
