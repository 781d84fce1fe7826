namespace Warren.Relay.Forwarding;

/// <summary>
/// The answer of <see cref="ListenPolicy"/> for one tcpip-forward request. A refusal is
/// REQUEST_FAILURE for that request only (it carries no text, so the reason goes to the log and,
/// when the session has a shell, to the person as an event line); the session goes on.
/// </summary>
/// <param name="IsAllowed">True when the bind may proceed (name and port checks follow elsewhere).</param>
/// <param name="Reason">For a refusal: what happened and what to do.</param>
public sealed record ListenDecision(bool IsAllowed, string Reason)
{
    /// <summary>Allowed.</summary>
    public static ListenDecision Allowed { get; } = new(true, string.Empty);

    internal static ListenDecision Refused(string reason) => new(false, reason);
}
