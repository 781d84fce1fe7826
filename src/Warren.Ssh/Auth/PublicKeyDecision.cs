namespace Warren.Ssh.Auth;

/// <summary>
/// A policy's answer for one public key (or certificate) offered by one user from one address.
/// The signature is checked separately by the authentication service; a decision alone never logs anyone in.
/// </summary>
/// <param name="Allowed">True when the key may be used for this user.</param>
/// <param name="Permissions">What a login with it grants; set when allowed.</param>
/// <param name="Reason">Why not, for the log (never sent to the client).</param>
/// <param name="RequireUserPresence">For sk-* keys: the signature's user-presence flag must be set (no <c>no-touch-required</c>).</param>
/// <param name="RequireUserVerification">For sk-* keys: the user-verified flag must be set (<c>verify-required</c>).</param>
public sealed record PublicKeyDecision(
    bool Allowed,
    KeyPermissions? Permissions,
    string Reason,
    bool RequireUserPresence = true,
    bool RequireUserVerification = false)
{
    /// <summary>A refusal with a reason for the log.</summary>
    public static PublicKeyDecision Deny(string reason) => new(false, null, reason);
}
