using Warren.Ssh.Auth;

namespace Warren.Ssh.Server;

/// <summary>Key blobs as they arrive in authentication requests: plain keys, certificates, security keys.</summary>
internal static class UserKeys
{
    /// <summary>The plain public key of a request's blob (the certified key for a certificate); null when malformed.</summary>
    public static byte[]? PlainKeyOf(string algorithm, byte[] blob)
    {
        if (!CertificateAlgorithms.IsCertificateAlgorithm(algorithm))
        {
            return blob;
        }

        return OpenSshCertificate.TryParse(blob, out var certificate) ? certificate!.PublicKeyBlob : null;
    }

    /// <summary>Verifies a userauth signature (RFC 4252 §7); <paramref name="flags"/> is set for security-key signatures.</summary>
    public static bool VerifySignature(string algorithm, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data, out SkSignatureFlags? flags) =>
        UserSignature.Verify(algorithm, blob, signature, data, out flags);
}
