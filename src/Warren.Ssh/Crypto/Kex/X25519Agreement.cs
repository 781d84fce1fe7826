using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// The X25519 half shared by curve25519-sha256 and both post-quantum hybrids (RFC 7748, RFC 8731).
/// Owns one ephemeral scalar and wipes it on dispose.
/// </summary>
internal sealed class X25519Agreement : IDisposable
{
    /// <summary>Size of a public value, a scalar and a shared secret.</summary>
    public const int Size = X25519.PointSize;

    private readonly byte[] _privateKey = new byte[Size];

    /// <summary>Draws a fresh scalar from the OS CSPRNG (CVE-2022-29245 was a non-CSPRNG X25519 key).</summary>
    public X25519Agreement()
    {
        RandomNumberGenerator.Fill(_privateKey);
        X25519.ClampPrivateKey(_privateKey);
        PublicKey = new byte[Size];
        X25519.ScalarMultBase(_privateKey, PublicKey);
    }

    /// <summary>Our public value u = X25519(k, 9), 32 bytes.</summary>
    public byte[] PublicKey { get; }

    /// <summary>
    /// Computes the raw 32-byte shared secret into <paramref name="secret"/>. False when the peer
    /// value is not exactly 32 bytes or the result is all zero (a low-order point; OpenSSH
    /// kexc25519.c rejects it with SSH_ERR_KEY_INVALID_EC_VALUE, RFC 7748 §6.1 allows the check).
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> peerPublicKey, Span<byte> secret)
    {
        if (peerPublicKey.Length != Size || secret.Length != Size)
        {
            return false;
        }

        return X25519.CalculateAgreement(_privateKey, peerPublicKey, secret);
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_privateKey);
}
