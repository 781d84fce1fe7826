namespace Warren.Ssh.Auth;

/// <summary>
/// One line of an authorized_keys file (sshd.8 "AUTHORIZED_KEYS FILE FORMAT"), parsed: the key,
/// whether it is a trusted CA, and the options that matter to a relay.
/// </summary>
/// <param name="KeyType">The key type of the line, e.g. <c>ssh-ed25519</c>.</param>
/// <param name="PublicKeyBlob">The decoded public key blob.</param>
/// <param name="CertAuthority"><c>cert-authority</c>: the key signs user certificates instead of logging in itself.</param>
/// <param name="Principals"><c>principals="a,b"</c> (only with cert-authority): names accepted instead of the user name.</param>
/// <param name="FromPatterns"><c>from="pattern-list"</c>: the client address must match; null when absent.</param>
/// <param name="ExpiryTime"><c>expiry-time</c>: the key is refused from this instant on; null when absent.</param>
/// <param name="Permissions">What logging in with this key (or a certificate it signed) grants.</param>
/// <param name="NoTouchRequired"><c>no-touch-required</c>: sk-* signatures need not have user presence.</param>
/// <param name="VerifyRequired"><c>verify-required</c>: sk-* signatures must have user verification.</param>
/// <param name="Source">"file:line", for logs.</param>
public sealed record AuthorizedKeyEntry(
    string KeyType,
    byte[] PublicKeyBlob,
    bool CertAuthority,
    IReadOnlyList<string>? Principals,
    IReadOnlyList<string>? FromPatterns,
    DateTimeOffset? ExpiryTime,
    KeyPermissions Permissions,
    bool NoTouchRequired,
    bool VerifyRequired,
    string Source);
