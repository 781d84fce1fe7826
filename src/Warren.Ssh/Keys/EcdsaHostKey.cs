using System.Security.Cryptography;

namespace Warren.Ssh.Keys;

/// <summary>
/// An ecdsa-sha2-nistp256/384/521 key (RFC 5656 §3.1). Blob = string "ecdsa-sha2-nistpN" ||
/// string "nistpN" || string Q (0x04 || X || Y); signature = string alg || string(mpint r || mpint s),
/// hashed with SHA-256/384/512 by curve size. Owns the <see cref="ECDsa"/> instance.
/// </summary>
internal sealed class EcdsaHostKey : IOpenSshPrivateKey, IDisposable
{
    private readonly ECDsa _key;
    private readonly string[] _algorithms;

    /// <summary>Takes ownership of <paramref name="key"/>, which must be on P-256, P-384 or P-521.</summary>
    public EcdsaHostKey(ECDsa key)
    {
        Curve = EcdsaCurve.FromKeySize(key.KeySize)
            ?? throw new ArgumentException($"ECDSA keys must be on nistp256, nistp384 or nistp521, not a {key.KeySize}-bit curve.", nameof(key));
        _key = key;
        _algorithms = [Curve.KeyType];

        var builder = new SshBlobBuilder();
        builder.WriteString(Curve.KeyType);
        builder.WriteString(Curve.Identifier);
        builder.WriteString(Curve.EncodePoint(_key.ExportParameters(includePrivateParameters: false).Q));
        PublicKeyBlob = builder.ToArray();
    }

    public EcdsaCurve Curve { get; }

    public string KeyType => Curve.KeyType;

    public IReadOnlyList<string> SignatureAlgorithms => _algorithms;

    public byte[] PublicKeyBlob { get; }

    public static EcdsaHostKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != Curve.KeyType)
        {
            throw new ArgumentException($"A {Curve.Identifier} key cannot sign with '{signatureAlgorithm}'.", nameof(signatureAlgorithm));
        }

        var rs = _key.SignData(data, Curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var inner = new SshBlobBuilder();
        inner.WriteMPInt(rs.AsSpan(0, rs.Length / 2));
        inner.WriteMPInt(rs.AsSpan(rs.Length / 2));

        var builder = new SshBlobBuilder();
        builder.WriteString(signatureAlgorithm);
        builder.WriteString(inner.ToArray());
        return builder.ToArray();
    }

    /// <summary>PROTOCOL.key / sshkey.c: string curve, string Q, mpint d.</summary>
    public void WritePrivateFields(SshBlobBuilder builder)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: true);
        try
        {
            builder.WriteString(Curve.Identifier);
            builder.WriteString(Curve.EncodePoint(parameters.Q));
            builder.WriteMPInt(parameters.D);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    public void Dispose() => _key.Dispose();
}
