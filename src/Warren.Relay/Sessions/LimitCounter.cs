namespace Warren.Relay.Sessions;

/// <summary>
/// Counts one limited thing (a session's channels, an account's tunnels) against its
/// <see cref="SessionLimits"/> value. Over the limit, <see cref="TryAcquire"/> refuses with the
/// reason to send; what is already counted is untouched.
/// </summary>
/// <remarks>
/// Not thread-safe: it belongs to the one actor that owns the counted things (the session
/// actor for channels and forwards, the account entity for tunnels and sessions).
/// </remarks>
public sealed class LimitCounter
{
    private readonly SessionLimits _limits;

    public LimitCounter(LimitKind kind, SessionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Kind = kind;
        _limits = limits;
        Limit = limits.Of(kind);
    }

    /// <summary>What is counted.</summary>
    public LimitKind Kind { get; }

    /// <summary>The most that may be held at once.</summary>
    public int Limit { get; }

    /// <summary>Held now.</summary>
    public int Count { get; private set; }

    /// <summary>Refusals so far (for metrics and <c>status</c>).</summary>
    public long Refused { get; private set; }

    /// <summary>
    /// Counts one more, or refuses when <see cref="Limit"/> are held; on refusal
    /// <paramref name="reason"/> names the limit and how to raise it. Pair each success with one
    /// <see cref="Release"/>.
    /// </summary>
    public bool TryAcquire(out string reason)
    {
        if (Count >= Limit)
        {
            Refused++;
            reason = _limits.RefusalText(Kind);
            return false;
        }

        Count++;
        reason = string.Empty;
        return true;
    }

    /// <summary>Gives one back; throws if nothing is held (a double release is a bug in the owner).</summary>
    public void Release()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException($"{Kind}: released more than acquired");
        }

        Count--;
    }
}
