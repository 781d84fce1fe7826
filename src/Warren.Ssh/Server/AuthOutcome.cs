namespace Warren.Ssh.Server;

/// <summary>What one authentication request came to.</summary>
internal sealed record AuthOutcome(AuthenticatedUser? User, bool Counts, bool Answered, string Reason, string? KeyType, string? Fingerprint)
{
    /// <summary>"none": answered with the method list, not a failure (sshd does not count it either).</summary>
    public static AuthOutcome Silent { get; } = new(null, false, false, "none", null, null);

    /// <summary>A reply other than success or failure was sent (PK_OK).</summary>
    public static AuthOutcome Replied { get; } = new(null, false, true, "query", null, null);

    public static AuthOutcome Fail(string method, string reason, string? keyType = null, string? fingerprint = null) =>
        new(null, true, false, $"{method}: {reason}", keyType, fingerprint);

    public static AuthOutcome Success(AuthenticatedUser user, string? keyType, string? fingerprint, string reason) =>
        new(user, false, false, reason, keyType, fingerprint);
}
