using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// Checks that a public key blob of one of the user key types has the layout its type name
/// promises (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4, PROTOCOL.u2f): every field present, the
/// right lengths, no trailing bytes. A line of authorized_keys whose blob fails this is malformed,
/// so a lookup later only ever compares against well-formed keys. Pure, thread-safe, never throws.
/// </summary>
internal static class KeyBlobShape
{
    /// <summary>The plain key types an authorized_keys line may carry (also for cert-authority lines).</summary>
    public static readonly IReadOnlySet<string> SupportedKeyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ssh-ed25519",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "ssh-rsa",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    };

    private const int Ed25519KeySize = 32;

    /// <summary>The longest FIDO application string we accept ("ssh:" plus a short name in practice).</summary>
    private const int MaxApplicationLength = 1024;

    /// <summary>
    /// Reads the key type from <paramref name="blob"/> and checks the rest of the blob against it.
    /// </summary>
    /// <returns>True with the type when the blob is a well-formed key of a supported type.</returns>
    public static bool TryCheck(ReadOnlySpan<byte> blob, out string keyType, out string error)
    {
        keyType = string.Empty;
        var reader = new SshReader(blob);
        if (!reader.TryReadString(out var typeBytes) || typeBytes.Length == 0 || typeBytes.Length > 64)
        {
            error = "key blob has no key type";
            return false;
        }

        foreach (var b in typeBytes)
        {
            if (b <= 0x20 || b >= 0x7f)
            {
                error = "key blob has a key type that is not printable ASCII";
                return false;
            }
        }

        keyType = System.Text.Encoding.ASCII.GetString(typeBytes);
        if (!SupportedKeyTypes.Contains(keyType))
        {
            error = $"unsupported key type {keyType} in key blob";
            return false;
        }

        var problem = keyType switch
        {
            "ssh-ed25519" => CheckEd25519(ref reader, application: false),
            "sk-ssh-ed25519@openssh.com" => CheckEd25519(ref reader, application: true),
            "ssh-rsa" => CheckRsa(ref reader),
            "sk-ecdsa-sha2-nistp256@openssh.com" => CheckEcdsa(ref reader, EcdsaCurve.NistP256, application: true),
            _ => CheckEcdsa(ref reader, EcdsaCurve.FromKeyType(keyType)!, application: false),
        };

        if (problem is null && reader.Remaining != 0)
        {
            problem = "has trailing bytes";
        }

        if (problem is not null)
        {
            error = $"{keyType} key blob {problem}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Reads only the key type name at the start of a blob; null when there is none.</summary>
    public static string? PeekKeyType(ReadOnlySpan<byte> blob)
    {
        var reader = new SshReader(blob);
        if (!reader.TryReadString(out var typeBytes) || typeBytes.Length == 0 || typeBytes.Length > 64)
        {
            return null;
        }

        foreach (var b in typeBytes)
        {
            if (b <= 0x20 || b >= 0x7f)
            {
                return null;
            }
        }

        return System.Text.Encoding.ASCII.GetString(typeBytes);
    }

    // CVE-2020-9283: an ed25519 key is exactly 32 bytes.
    private static string? CheckEd25519(ref SshReader reader, bool application)
    {
        if (!reader.TryReadString(out var key) || key.Length != Ed25519KeySize)
        {
            return "is truncated or its key is not 32 bytes";
        }

        return application ? CheckApplication(ref reader) : null;
    }

    private static string? CheckEcdsa(ref SshReader reader, EcdsaCurve curve, bool application)
    {
        if (!reader.TryReadString(out var identifier))
        {
            return "is truncated";
        }

        // CVE-2026-35387: the curve inside the blob must be the one the type names.
        if (!identifier.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(curve.Identifier)))
        {
            return "names another curve";
        }

        // SEC1 uncompressed point: 0x04 || X || Y (RFC 5656 §3.1); OpenSSH sends nothing else.
        if (!reader.TryReadString(out var q) || q.Length != 1 + (2 * curve.FieldSize) || q[0] != 0x04)
        {
            return "is truncated or its point is not an uncompressed point of the curve";
        }

        return application ? CheckApplication(ref reader) : null;
    }

    // The same bounds SignatureVerifier applies (CVE-2026-39829): a key it would refuse is useless here.
    private static string? CheckRsa(ref SshReader reader)
    {
        if (!reader.TryReadMPInt(out var e) || !reader.TryReadMPInt(out var n))
        {
            return "is truncated";
        }

        e = e.TrimStart((byte)0);
        n = n.TrimStart((byte)0);
        if (e.Length == 0 || e.Length > 8 || (e[^1] & 1) == 0)
        {
            return "has a bad public exponent";
        }

        var bits = n.Length == 0 ? 0 : ((n.Length - 1) * 8) + 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n[0]);
        return bits >= RsaHostKey.MinimumBits && bits <= RsaHostKey.MaximumBits
            ? null
            : $"has a {bits}-bit modulus ({RsaHostKey.MinimumBits} to {RsaHostKey.MaximumBits} required)";
    }

    private static string? CheckApplication(ref SshReader reader) =>
        reader.TryReadString(out var application) && application.Length > 0 && application.Length <= MaxApplicationLength
            ? null
            : "is truncated or has no application string";
}
