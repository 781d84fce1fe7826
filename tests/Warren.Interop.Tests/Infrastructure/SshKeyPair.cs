namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// An OpenSSH key pair on disk: <see cref="PrivateKeyPath"/> (mode 0600, no passphrase),
/// <see cref="PublicKeyPath"/> next to it, and <see cref="PublicKey"/>, the public key line
/// ("ssh-ed25519 AAAA... comment") as it goes into authorized_keys.
/// </summary>
internal sealed record SshKeyPair(string Type, string PrivateKeyPath, string PublicKeyPath, string PublicKey)
{
    /// <summary>The base64 key blob, the second field of the public key line.</summary>
    public string Blob => PublicKey.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>The key's SHA256 fingerprint as ssh-keygen -l prints it: the account of this key on a relay run with --anonymous.</summary>
    public string Fingerprint =>
        "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(Blob))).TrimEnd('=');
}
