namespace Warren.Relay.Forwarding;

/// <summary>
/// The answer of <see cref="DirectTargetPolicy"/> for one direct-tcpip request. A refusal is for
/// that one channel (CHANNEL_OPEN_FAILURE with <see cref="FailureCode"/> and <see cref="Reason"/>);
/// the session goes on.
/// </summary>
/// <param name="Kind">Tunnel, real host or refused.</param>
/// <param name="Host">The host as requested (brackets removed), or the address for a resolved check.</param>
/// <param name="Port">The port as requested.</param>
/// <param name="CheckAfterResolve">
/// For <see cref="DirectTargetKind.RealHost"/>: the host was allowed only through a wildcard
/// (<c>--permit-open any</c> or <c>*:PORT</c>), so every address it resolves to must pass
/// <see cref="DirectTargetPolicy.CheckResolved"/> before the relay connects to it (DNS rebinding:
/// <c>evil.example</c> may resolve to 127.0.0.1).
/// </param>
/// <param name="FailureCode">For a refusal: the RFC 4254 §5.1 reason code.</param>
/// <param name="Reason">For a refusal: what happened and what to do, for the person at the client.</param>
public sealed record DirectTargetDecision(
    DirectTargetKind Kind,
    string Host,
    int Port,
    bool CheckAfterResolve,
    ChannelOpenFailureCode FailureCode,
    string Reason)
{
    /// <summary>True unless refused.</summary>
    public bool IsAllowed => Kind != DirectTargetKind.Refused;

    internal static DirectTargetDecision Tunnel(string name, int port) =>
        new(DirectTargetKind.Tunnel, name, port, false, 0, string.Empty);

    internal static DirectTargetDecision RealHost(string host, int port, bool checkAfterResolve) =>
        new(DirectTargetKind.RealHost, host, port, checkAfterResolve, 0, string.Empty);

    internal static DirectTargetDecision Refused(string host, int port, string reason) =>
        new(DirectTargetKind.Refused, host, port, false, ChannelOpenFailureCode.AdministrativelyProhibited, reason);
}
