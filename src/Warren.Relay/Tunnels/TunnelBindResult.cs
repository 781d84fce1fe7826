namespace Warren.Relay.Tunnels;

/// <summary>The result of <see cref="TunnelState.Bind"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Replaced">
/// For <see cref="TunnelBindOutcome.TookOver"/>, the backends that no longer serve the name: the
/// caller tells their sessions so they can cancel the forward. Empty otherwise.
/// </param>
/// <param name="Reason">For <see cref="TunnelBindOutcome.Refused"/>, a sentence for the client.</param>
internal sealed record TunnelBindResult(TunnelBindOutcome Outcome, IReadOnlyList<TunnelBackend> Replaced, string? Reason)
{
    public static readonly TunnelBindResult Bound = new(TunnelBindOutcome.Bound, [], null);
    public static readonly TunnelBindResult JoinedPool = new(TunnelBindOutcome.JoinedPool, [], null);
    public static readonly TunnelBindResult AlreadyBound = new(TunnelBindOutcome.AlreadyBound, [], null);

    public bool IsSuccess => Outcome != TunnelBindOutcome.Refused;

    public static TunnelBindResult TookOver(IReadOnlyList<TunnelBackend> replaced) =>
        new(TunnelBindOutcome.TookOver, replaced, null);

    public static TunnelBindResult Refused(string reason) => new(TunnelBindOutcome.Refused, [], reason);
}
