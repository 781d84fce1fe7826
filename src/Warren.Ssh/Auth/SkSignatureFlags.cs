namespace Warren.Ssh.Auth;

/// <summary>
/// What a FIDO authenticator reported with an sk-* signature (PROTOCOL.u2f): the flags byte and
/// the signature counter. The caller enforces them against the key's or certificate's options.
/// </summary>
/// <param name="Flags">The raw flags byte: 0x01 user present, 0x04 user verified.</param>
/// <param name="Counter">The authenticator's signature counter.</param>
public readonly record struct SkSignatureFlags(byte Flags, uint Counter)
{
    /// <summary>Flag bit set when the user touched the authenticator.</summary>
    public const byte UserPresenceFlag = 0x01;

    /// <summary>Flag bit set when the authenticator verified the user (PIN or biometric).</summary>
    public const byte UserVerificationFlag = 0x04;

    /// <summary>The user-presence bit is set.</summary>
    public bool UserPresent => (Flags & UserPresenceFlag) != 0;

    /// <summary>The user-verified bit is set.</summary>
    public bool UserVerified => (Flags & UserVerificationFlag) != 0;

    /// <summary>
    /// Whether these flags satisfy a policy decision (CVE-2026-39831): presence unless
    /// <c>no-touch-required</c>, verification when <c>verify-required</c>.
    /// </summary>
    public bool Satisfies(bool requireUserPresence, bool requireUserVerification) =>
        (!requireUserPresence || UserPresent) && (!requireUserVerification || UserVerified);
}
