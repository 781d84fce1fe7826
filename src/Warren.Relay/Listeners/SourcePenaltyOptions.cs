using System.Net;

namespace Warren.Relay.Listeners;

/// <summary>
/// The durations and bounds of <see cref="SourcePenalties"/>; the defaults are sshd's
/// PerSourcePenalties defaults (sshd_config(5), OpenSSH 9.8).
/// </summary>
public sealed record SourcePenaltyOptions
{
    /// <summary>Added per <see cref="PenaltyKind.AuthenticationFailure"/> (sshd authfail:5s).</summary>
    public TimeSpan AuthenticationFailure { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Added per <see cref="PenaltyKind.GraceTimeExceeded"/> (sshd grace-exceeded:10s).</summary>
    public TimeSpan GraceTimeExceeded { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Added per <see cref="PenaltyKind.ProtocolViolation"/>; sshd gives a crash 90 s, a malformed packet earns less.</summary>
    public TimeSpan ProtocolViolation { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Penalties add up to at most this much refusal time (sshd max:10m).</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Refusal starts only once this much penalty has accrued (sshd min:15s), so one mistyped
    /// password does not lock its owner out.
    /// </summary>
    public TimeSpan Min { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Address ranges tracked per family (sshd max-sources4/max-sources6); beyond it the least
    /// recently penalised range is forgotten (sshd overflow:permissive), so a flood of sources
    /// cannot grow memory.
    /// </summary>
    public int MaxSources { get; init; } = 65536;

    /// <summary>Sources never penalised (sshd PerSourcePenaltyExemptList), e.g. a health checker.</summary>
    public IReadOnlyList<IPNetwork> Exempt { get; init; } = [];

    internal TimeSpan For(PenaltyKind kind) => kind switch
    {
        PenaltyKind.AuthenticationFailure => AuthenticationFailure,
        PenaltyKind.GraceTimeExceeded => GraceTimeExceeded,
        PenaltyKind.ProtocolViolation => ProtocolViolation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown penalty kind"),
    };
}
