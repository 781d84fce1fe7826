using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// Verifies FIDO/U2F signatures (OpenSSH PROTOCOL.u2f) for sk-ssh-ed25519@openssh.com and
/// sk-ecdsa-sha2-nistp256@openssh.com. The authenticator signs
/// <c>SHA256(application) || flags || uint32 counter || SHA256(data)</c>: Ed25519 directly over
/// those 69 bytes, ECDSA P-256 with SHA-256 over them. Fails closed; never throws. Thread-safe.
/// </summary>
internal static class SkSignatureVerifier
{
    private const int MessageLength = 32 + 1 + 4 + 32;

    /// <summary>
    /// True only when <paramref name="signatureBlob"/> (<c>string algorithm, string signature,
    /// byte flags, uint32 counter</c>) is a valid signature by <paramref name="publicKeyBlob"/> over
    /// <paramref name="data"/>; <paramref name="flags"/> is set only then. Flags are returned, not judged.
    /// </summary>
    public static bool Verify(string algorithm, ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> data, out SkSignatureFlags flags)
    {
        flags = default;
        var sig = new SshReader(signatureBlob);
        if (!sig.TryReadString(out var sigAlgorithm)
            || !sig.TryReadString(out var signature)
            || !sig.TryReadByte(out var flagByte)
            || !sig.TryReadUInt32(out var counter)
            || sig.Remaining != 0
            || !sigAlgorithm.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(algorithm)))
        {
            return false;
        }

        var key = new SshReader(publicKeyBlob);
        if (!key.TryReadString(out var keyType) || !keyType.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(algorithm)))
        {
            return false;
        }

        try
        {
            var ok = algorithm switch
            {
                CertificateAlgorithms.SkEd25519 => VerifyEd25519(ref key, signature, flagByte, counter, data),
                CertificateAlgorithms.SkEcdsaP256 => VerifyEcdsa(ref key, signature, flagByte, counter, data),
                _ => false,
            };
            if (ok)
            {
                flags = new SkSignatureFlags(flagByte, counter);
            }

            return ok;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // A point not on the curve: a bad key, not a crash.
            return false;
        }
    }

    private static void BuildMessage(ReadOnlySpan<byte> application, byte flags, uint counter, ReadOnlySpan<byte> data, Span<byte> message)
    {
        SHA256.HashData(application, message[..32]);
        message[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(message.Slice(33, 4), counter);
        SHA256.HashData(data, message[37..]);
    }

    private static bool VerifyEd25519(ref SshReader key, ReadOnlySpan<byte> signature, byte flags, uint counter, ReadOnlySpan<byte> data)
    {
        if (!key.TryReadString(out var publicKey)
            || !key.TryReadString(out var application)
            || key.Remaining != 0
            || publicKey.Length != Ed25519.PublicKeySize
            || signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        Span<byte> message = stackalloc byte[MessageLength];
        BuildMessage(application, flags, counter, data, message);
        return Ed25519.Verify(signature, publicKey, message);
    }

    private static bool VerifyEcdsa(ref SshReader key, ReadOnlySpan<byte> signature, byte flags, uint counter, ReadOnlySpan<byte> data)
    {
        var curve = EcdsaCurve.NistP256;
        if (!key.TryReadString(out var identifier)
            || !identifier.SequenceEqual("nistp256"u8)
            || !key.TryReadString(out var point)
            || !key.TryReadString(out var application)
            || key.Remaining != 0
            || !curve.TryDecodePoint(point, out var q))
        {
            return false;
        }

        Span<byte> rs = stackalloc byte[2 * 32];
        if (!curve.TryDecodeSignature(signature, rs))
        {
            return false;
        }

        Span<byte> message = stackalloc byte[MessageLength];
        BuildMessage(application, flags, counter, data, message);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = q });
        return ecdsa.VerifyData(message, rs, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
