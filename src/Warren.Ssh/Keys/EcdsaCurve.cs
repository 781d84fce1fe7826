using System.Security.Cryptography;

namespace Warren.Ssh.Keys;

/// <summary>The three NIST curves of RFC 5656 §10.1 with their SSH names and hash (§6.2.1).</summary>
internal sealed class EcdsaCurve
{
    public static readonly EcdsaCurve NistP256 = new("nistp256", ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256);
    public static readonly EcdsaCurve NistP384 = new("nistp384", ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384);
    public static readonly EcdsaCurve NistP521 = new("nistp521", ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512);

    private EcdsaCurve(string identifier, ECCurve curve, int fieldSize, HashAlgorithmName hash)
    {
        Identifier = identifier;
        KeyType = "ecdsa-sha2-" + identifier;
        Curve = curve;
        FieldSize = fieldSize;
        Hash = hash;
    }

    /// <summary>The curve name inside the blob: nistp256, nistp384, nistp521.</summary>
    public string Identifier { get; }

    /// <summary>The key type and signature algorithm: ecdsa-sha2-nistpN.</summary>
    public string KeyType { get; }

    public ECCurve Curve { get; }

    /// <summary>Bytes of one coordinate or scalar.</summary>
    public int FieldSize { get; }

    public HashAlgorithmName Hash { get; }

    public static EcdsaCurve? FromKeySize(int bits) => bits switch
    {
        256 => NistP256,
        384 => NistP384,
        521 => NistP521,
        _ => null,
    };

    /// <summary>Looks a curve up by its key type / signature algorithm name; null when unknown.</summary>
    public static EcdsaCurve? FromKeyType(string keyType) => keyType switch
    {
        "ecdsa-sha2-nistp256" => NistP256,
        "ecdsa-sha2-nistp384" => NistP384,
        "ecdsa-sha2-nistp521" => NistP521,
        _ => null,
    };

    /// <summary>SEC1 uncompressed encoding, coordinates left-padded to the field size.</summary>
    public byte[] EncodePoint(ECPoint q)
    {
        var point = new byte[1 + (2 * FieldSize)];
        point[0] = 0x04;
        q.X.AsSpan().CopyTo(point.AsSpan(1 + FieldSize - q.X!.Length));
        q.Y.AsSpan().CopyTo(point.AsSpan(1 + (2 * FieldSize) - q.Y!.Length));
        return point;
    }

    /// <summary>Splits an uncompressed point; false unless it is 0x04 followed by two coordinates.</summary>
    public bool TryDecodePoint(ReadOnlySpan<byte> encoded, out ECPoint q)
    {
        q = default;
        if (encoded.Length != 1 + (2 * FieldSize) || encoded[0] != 0x04)
        {
            return false;
        }

        q = new ECPoint
        {
            X = encoded.Slice(1, FieldSize).ToArray(),
            Y = encoded.Slice(1 + FieldSize, FieldSize).ToArray(),
        };
        return true;
    }

    /// <summary>
    /// Decodes an SSH ECDSA signature (<c>mpint r, mpint s</c>, RFC 5656 §3.1.2) into the fixed
    /// r||s form .NET verifies; <paramref name="rs"/> must be 2 × <see cref="FieldSize"/> bytes.
    /// False for trailing data, zero values or values wider than the field.
    /// </summary>
    public bool TryDecodeSignature(ReadOnlySpan<byte> signature, Span<byte> rs)
    {
        var reader = new Wire.SshReader(signature);
        if (!reader.TryReadMPInt(out var r) || !reader.TryReadMPInt(out var s) || reader.Remaining != 0)
        {
            return false;
        }

        r = r.TrimStart((byte)0);
        s = s.TrimStart((byte)0);
        if (r.Length == 0 || s.Length == 0 || r.Length > FieldSize || s.Length > FieldSize || rs.Length != 2 * FieldSize)
        {
            return false;
        }

        rs.Clear();
        r.CopyTo(rs[(FieldSize - r.Length)..]);
        s.CopyTo(rs[((2 * FieldSize) - s.Length)..]);
        return true;
    }
}
