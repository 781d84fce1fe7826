using System.Text;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// Structure checks for the plain public key blobs a user or a CA may have (RFC 4253 §6.6,
/// RFC 5656 §3.1, RFC 8709 §4, PROTOCOL.u2f). Only the shape is checked here; the math (point on
/// the curve, modulus size) is checked when a signature is verified.
/// </summary>
internal static class PlainKeyBlob
{
    /// <summary>True for the key types Warren accepts for users and CAs.</summary>
    public static bool IsKnownType(string keyType) => keyType is
        "ssh-ed25519" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521"
        or "ssh-rsa" or CertificateAlgorithms.SkEd25519 or CertificateAlgorithms.SkEcdsaP256;

    /// <summary>Reads the blob's type name; false when it is not a string of printable ASCII.</summary>
    public static bool TryReadType(ReadOnlySpan<byte> blob, out string keyType)
    {
        keyType = string.Empty;
        var reader = new SshReader(blob);
        if (!reader.TryReadString(out var name) || name.Length == 0 || name.Length > 64)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is < 0x21 or > 0x7e)
            {
                return false;
            }
        }

        keyType = Encoding.ASCII.GetString(name);
        return true;
    }

    /// <summary>True when <paramref name="blob"/> is a well-formed plain key of a known type with nothing after it.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> blob)
    {
        if (!TryReadType(blob, out var keyType))
        {
            return false;
        }

        var reader = new SshReader(blob);
        reader.TryReadString(out _);
        return TrySkipKeyFields(ref reader, keyType) && reader.Remaining == 0;
    }

    /// <summary>
    /// Reads past the key fields that follow the type name in a plain blob, or follow the nonce in
    /// a certificate (the same encoding in both), checking each against the type.
    /// </summary>
    public static bool TrySkipKeyFields(ref SshReader reader, string keyType)
    {
        switch (keyType)
        {
            case "ssh-ed25519":
                return reader.TryReadString(out var pk) && pk.Length == 32;
            case CertificateAlgorithms.SkEd25519:
                return reader.TryReadString(out var skPk) && skPk.Length == 32 && reader.TryReadString(out _);
            case "ssh-rsa":
                return reader.TryReadMPInt(out var e) && reader.TryReadMPInt(out var n) && e.Length > 0 && n.Length > 0;
            case CertificateAlgorithms.SkEcdsaP256:
                return TrySkipEcdsa(ref reader, EcdsaCurve.NistP256) && reader.TryReadString(out _);
            default:
                return EcdsaCurve.FromKeyType(keyType) is { } curve && TrySkipEcdsa(ref reader, curve);
        }
    }

    private static bool TrySkipEcdsa(ref SshReader reader, EcdsaCurve curve) =>
        reader.TryReadString(out var identifier)
        && identifier.SequenceEqual(Encoding.ASCII.GetBytes(curve.Identifier))
        && reader.TryReadString(out var point)
        && point.Length == 1 + (2 * curve.FieldSize)
        && point[0] == 0x04;
}
