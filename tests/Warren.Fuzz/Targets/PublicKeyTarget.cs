using Warren.Ssh.Auth;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Fuzz.Targets;

/// <summary>
/// A public key blob, a signature blob and signed data (<c>string key, string signature, rest
/// data</c>): the blob's shape checks, and verification under every signature algorithm a user
/// key or host key may use, plain and FIDO.
/// </summary>
internal static class PublicKeyTarget
{
    private static readonly string[] SignatureAlgorithms =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512",
        "ssh-rsa", CertificateAlgorithms.SkEd25519, CertificateAlgorithms.SkEcdsaP256,
    ];

    public static void Run(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        if (!reader.TryReadString(out var blob))
        {
            blob = data;
        }

        if (!reader.TryReadString(out var signature))
        {
            signature = default;
        }

        var signed = reader.Rest;
        KeyBlobShape.TryCheck(blob, out _, out _);
        KeyBlobShape.PeekKeyType(blob);
        PlainKeyBlob.IsWellFormed(blob);
        KeyFile.Fingerprint(blob);
        foreach (var algorithm in SignatureAlgorithms)
        {
            UserSignature.VerifyPlain(algorithm, blob, signature, signed, out _);
            SignatureVerifier.Verify(blob, signature, signed, algorithm);
        }
    }
}
