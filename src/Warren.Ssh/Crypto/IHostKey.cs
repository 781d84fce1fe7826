namespace Warren.Ssh.Crypto;

/// <summary>
/// A private key that can prove the server's (or a client's) identity. Sign is called once per key
/// exchange, so it may allocate.
/// </summary>
public interface IHostKey
{
    /// <summary>The key type in the public key blob: <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>.</summary>
    string KeyType { get; }

    /// <summary>Signature algorithms this key can produce, best first (RSA: rsa-sha2-512, rsa-sha2-256).</summary>
    IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>The public key blob (RFC 4253 §6.6) as sent in K_S.</summary>
    byte[] PublicKeyBlob { get; }

    /// <summary>Signs <paramref name="data"/> and returns the signature blob: <c>string algorithm, string signature</c>.</summary>
    byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);
}
