using Warren.Ssh.Keys;

namespace Warren.Ssh.Auth;

/// <summary>
/// Verifies the signature of a publickey userauth request (RFC 4252 §7) for plain keys
/// (ssh-ed25519, ecdsa-sha2-nistp256/384/521, rsa-sha2-256/512 on ssh-rsa keys, the FIDO types
/// sk-ssh-ed25519@openssh.com and sk-ecdsa-sha2-nistp256@openssh.com) and for OpenSSH
/// certificates of those keys. Fails closed (CVE-2023-2283); never throws. Thread-safe.
/// It does not decide whether the key may log in: that is an <see cref="IPublicKeyPolicy"/>'s job,
/// and the caller must apply the decision of the key whose signature verified here (CVE-2024-45337).
/// For a certificate only the certified key's signature is checked here; the certificate itself
/// (CA signature, trust, validity, principals, options) is <see cref="CertificatePolicy"/>'s job.
/// </summary>
public static class UserSignature
{
    /// <summary>
    /// Checks <paramref name="signatureBlob"/> over <paramref name="signedData"/>.
    /// </summary>
    /// <param name="algorithm">The public key algorithm name from the request, e.g. <c>rsa-sha2-512</c> or <c>rsa-sha2-512-cert-v01@openssh.com</c>.</param>
    /// <param name="keyOrCertBlob">The public key or certificate blob from the request; its type must match <paramref name="algorithm"/> exactly (CVE-2026-35387).</param>
    /// <param name="signatureBlob">The signature blob; its algorithm is the plain one (rsa-sha2-512 for rsa-sha2-512-cert-v01@openssh.com).</param>
    /// <param name="signedData">RFC 4252 §7: session id, the request fields and the key blob.</param>
    /// <param name="skFlags">For sk-* keys, the authenticator's flags and counter when the signature is valid; null otherwise. The caller must enforce presence and verification (CVE-2026-39831).</param>
    /// <returns>True only when the signature is valid.</returns>
    public static bool Verify(string algorithm, ReadOnlySpan<byte> keyOrCertBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> signedData, out SkSignatureFlags? skFlags)
    {
        skFlags = null;
        if (algorithm is null)
        {
            return false;
        }

        if (CertificateAlgorithms.IsCertificateAlgorithm(algorithm))
        {
            if (!CertificateAlgorithms.TryMapCertificateAlgorithm(algorithm, out var certificateType, out var signatureAlgorithm)
                || !OpenSshCertificate.TryParse(keyOrCertBlob, out var certificate)
                || certificate!.Type != certificateType)
            {
                return false;
            }

            return VerifyPlain(signatureAlgorithm, certificate.PublicKeyBlob, signatureBlob, signedData, out skFlags);
        }

        return VerifyPlain(algorithm, keyOrCertBlob, signatureBlob, signedData, out skFlags);
    }

    /// <summary>
    /// Verifies a signature by a plain key whose type goes with <paramref name="signatureAlgorithm"/>
    /// (also used for CA signatures on certificates). Never throws.
    /// </summary>
    internal static bool VerifyPlain(string signatureAlgorithm, ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> signedData, out SkSignatureFlags? skFlags)
    {
        skFlags = null;
        if (!PlainKeyBlob.TryReadType(publicKeyBlob, out var keyType) || !CertificateAlgorithms.KeySignsWith(keyType, signatureAlgorithm))
        {
            return false;
        }

        if (signatureAlgorithm is CertificateAlgorithms.SkEd25519 or CertificateAlgorithms.SkEcdsaP256)
        {
            if (!SkSignatureVerifier.Verify(signatureAlgorithm, publicKeyBlob, signatureBlob, signedData, out var flags))
            {
                return false;
            }

            skFlags = flags;
            return true;
        }

        return SignatureVerifier.Verify(publicKeyBlob, signatureBlob, signedData, signatureAlgorithm);
    }
}
