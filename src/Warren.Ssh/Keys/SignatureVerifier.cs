using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Keys;

/// <summary>
/// Checks SSH signatures (RFC 4253 §6.6) made by ssh-ed25519, ecdsa-sha2-nistp256/384/521 and RSA
/// keys with rsa-sha2-256/512. Fails closed (CVE-2023-2283): only a verification that explicitly
/// succeeds returns true; every parse error, unsupported or mismatched algorithm, out-of-range key
/// or trailing byte returns false. Never throws on malformed input. Thread-safe.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// Verifies <paramref name="signatureBlob"/> (<c>string algorithm, string signature</c>) over
    /// <paramref name="data"/> with the key in <paramref name="publicKeyBlob"/>.
    /// </summary>
    /// <param name="publicKeyBlob">The public key blob, as in K_S or a publickey auth request.</param>
    /// <param name="signatureBlob">The signature blob; its algorithm must equal <paramref name="expectedAlgorithm"/>.</param>
    /// <param name="data">The signed bytes (the exchange hash H, or the auth request data).</param>
    /// <param name="expectedAlgorithm">The negotiated or requested signature algorithm, e.g. <c>rsa-sha2-512</c>.</param>
    /// <returns>True only when the signature is valid for this key, algorithm and data.</returns>
    public static bool Verify(ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> data, string expectedAlgorithm)
    {
        if (expectedAlgorithm is null || !TryReadSignature(signatureBlob, expectedAlgorithm, out var signature))
        {
            return false;
        }

        var keyReader = new SshReader(publicKeyBlob);
        if (!keyReader.TryReadString(out var keyType))
        {
            return false;
        }

        try
        {
            if (expectedAlgorithm == Ed25519HostKey.Name)
            {
                return keyType.SequenceEqual("ssh-ed25519"u8) && VerifyEd25519(ref keyReader, signature, data);
            }

            if (RsaHostKey.HashFor(expectedAlgorithm) is { } rsaHash)
            {
                return keyType.SequenceEqual("ssh-rsa"u8) && VerifyRsa(ref keyReader, signature, data, rsaHash);
            }

            if (EcdsaCurve.FromKeyType(expectedAlgorithm) is { } curve)
            {
                return System.Text.Encoding.ASCII.GetString(keyType) == curve.KeyType && VerifyEcdsa(ref keyReader, curve, signature, data);
            }

            return false;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // Import of an invalid point or modulus: a bad key, not a crash.
            return false;
        }
    }

    /// <summary>Reads <c>string algorithm, string signature</c> with nothing after it.</summary>
    private static bool TryReadSignature(ReadOnlySpan<byte> blob, string expectedAlgorithm, out ReadOnlySpan<byte> signature)
    {
        signature = default;
        var reader = new SshReader(blob);
        if (!reader.TryReadString(out var algorithm) || !reader.TryReadString(out signature) || reader.Remaining != 0)
        {
            return false;
        }

        return algorithm.Length == expectedAlgorithm.Length
            && System.Text.Encoding.ASCII.GetString(algorithm) == expectedAlgorithm;
    }

    /// <summary>RFC 8709 §4/§6: key exactly 32 bytes and signature exactly 64 (CVE-2020-9283).</summary>
    private static bool VerifyEd25519(ref SshReader keyReader, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        if (!keyReader.TryReadString(out var publicKey) || keyReader.Remaining != 0)
        {
            return false;
        }

        if (publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        // BouncyCastle rejects S >= L and non-canonical point encodings (PROTOCOL-NOTES §3.1).
        return Ed25519.Verify(signature, publicKey, data);
    }

    /// <summary>RFC 8332 §3 with the modulus capped to 2048..16384 bits and a small odd exponent.</summary>
    private static bool VerifyRsa(ref SshReader keyReader, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data, HashAlgorithmName hash)
    {
        if (!keyReader.TryReadMPInt(out var e) || !keyReader.TryReadMPInt(out var n) || keyReader.Remaining != 0)
        {
            return false;
        }

        e = TrimLeadingZeros(e);
        n = TrimLeadingZeros(n);
        var bits = BitLength(n);
        if (bits < RsaHostKey.MinimumBits || bits > RsaHostKey.MaximumBits)
        {
            return false;
        }

        // Exponents above 2^32 buy nothing and cost CPU; 1 and even values are not RSA keys.
        if (e.Length == 0 || e.Length > 4 || (e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            return false;
        }

        // OpenSSH accepts a signature shorter than the modulus and left-pads it (ssh-rsa.c); longer is invalid.
        if (signature.Length == 0 || signature.Length > n.Length)
        {
            return false;
        }

        var padded = new byte[n.Length];
        signature.CopyTo(padded.AsSpan(n.Length - signature.Length));

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = n.ToArray(), Exponent = e.ToArray() });
        return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>RFC 5656 §3.1.2: the blob's curve must match the algorithm; r and s are mpints in 1..n-1.</summary>
    private static bool VerifyEcdsa(ref SshReader keyReader, EcdsaCurve curve, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        if (!keyReader.TryReadString(out var identifier) || !keyReader.TryReadString(out var point) || keyReader.Remaining != 0)
        {
            return false;
        }

        if (System.Text.Encoding.ASCII.GetString(identifier) != curve.Identifier || !curve.TryDecodePoint(point, out var q))
        {
            return false;
        }

        var rs = new byte[2 * curve.FieldSize];
        if (!curve.TryDecodeSignature(signature, rs))
        {
            return false;
        }

        // ImportParameters checks that Q is on the curve and throws otherwise (caught by the caller);
        // the verifier itself rejects r or s at or above the group order.
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = q });
        return ecdsa.VerifyData(data, rs, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static int BitLength(ReadOnlySpan<byte> trimmed) =>
        trimmed.Length == 0 ? 0 : ((trimmed.Length - 1) * 8) + 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)trimmed[0]);
}
