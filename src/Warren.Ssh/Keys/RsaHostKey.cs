using System.Security.Cryptography;

namespace Warren.Ssh.Keys;

/// <summary>
/// An ssh-rsa key signing only with rsa-sha2-512 and rsa-sha2-256 (RFC 8332), PKCS#1 v1.5; never
/// the SHA-1 "ssh-rsa" signature. Blob = string "ssh-rsa" || mpint e || mpint n. Owns the
/// <see cref="RSA"/> instance.
/// </summary>
internal sealed class RsaHostKey : IOpenSshPrivateKey, IDisposable
{
    public const string Name = "ssh-rsa";

    /// <summary>Smallest modulus accepted for a host key or a signature check (NIST SP 800-131A).</summary>
    public const int MinimumBits = 2048;

    /// <summary>Largest modulus accepted: bounds the cost of one verification (CVE-2026-39829).</summary>
    public const int MaximumBits = 16384;

    /// <summary>Key size that <see cref="Generate"/> uses, as ssh-keygen's default.</summary>
    public const int DefaultBits = 3072;

    private static readonly string[] Algorithms = ["rsa-sha2-512", "rsa-sha2-256"];

    private readonly RSA _key;

    /// <summary>Takes ownership of <paramref name="key"/>; its modulus must be 2048 to 16384 bits.</summary>
    public RsaHostKey(RSA key)
    {
        if (key.KeySize < MinimumBits || key.KeySize > MaximumBits)
        {
            throw new ArgumentException($"RSA keys must have {MinimumBits} to {MaximumBits} bits, not {key.KeySize}.", nameof(key));
        }

        _key = key;
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var builder = new SshBlobBuilder();
        builder.WriteString(Name);
        builder.WriteMPInt(parameters.Exponent);
        builder.WriteMPInt(parameters.Modulus);
        PublicKeyBlob = builder.ToArray();
    }

    public string KeyType => Name;

    public IReadOnlyList<string> SignatureAlgorithms => Algorithms;

    public byte[] PublicKeyBlob { get; }

    public static RsaHostKey Generate() => new(RSA.Create(DefaultBits));

    /// <summary>The hash of an RSA signature algorithm, or null for anything else (ssh-rsa/SHA-1 included).</summary>
    public static HashAlgorithmName? HashFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        "rsa-sha2-512" => HashAlgorithmName.SHA512,
        "rsa-sha2-256" => HashAlgorithmName.SHA256,
        _ => null,
    };

    public byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        var hash = HashFor(signatureAlgorithm)
            ?? throw new ArgumentException($"An RSA key signs with rsa-sha2-512 or rsa-sha2-256, not '{signatureAlgorithm}'.", nameof(signatureAlgorithm));

        // RFC 8332 §3: the signature is exactly as long as the modulus, which .NET always produces.
        var signature = _key.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);
        var builder = new SshBlobBuilder(signature.Length + 32);
        builder.WriteString(signatureAlgorithm);
        builder.WriteString(signature);
        return builder.ToArray();
    }

    /// <summary>PROTOCOL.key / sshkey.c: mpint n, mpint e, mpint d, mpint iqmp, mpint p, mpint q.</summary>
    public void WritePrivateFields(SshBlobBuilder builder)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: true);
        try
        {
            builder.WriteMPInt(parameters.Modulus);
            builder.WriteMPInt(parameters.Exponent);
            builder.WriteMPInt(parameters.D);
            builder.WriteMPInt(parameters.InverseQ);
            builder.WriteMPInt(parameters.P);
            builder.WriteMPInt(parameters.Q);
        }
        finally
        {
            KeyMath.Wipe(parameters);
        }
    }

    public void Dispose() => _key.Dispose();
}
