using System.Security.Cryptography;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// ecdh-sha2-nistp256/384/521 (RFC 5656 §4). Q is the uncompressed SEC1 point 0x04 || X || Y sent
/// as a string; K is the mpint of the shared point's X coordinate (RFC 5656 §4, SEC1 §3.3.1).
/// </summary>
internal sealed class EcdhKeyExchange : IKeyExchange
{
    private readonly ECCurve _curve;
    private readonly int _fieldSize;
    private ECDiffieHellman? _clientKey;

    private EcdhKeyExchange(string name, ECCurve curve, int fieldSize, HashAlgorithmName hashAlgorithm)
    {
        Name = name;
        _curve = curve;
        _fieldSize = fieldSize;
        HashAlgorithm = hashAlgorithm;
    }

    public string Name { get; }

    public HashAlgorithmName HashAlgorithm { get; }

    public bool UsesMPInt => false;

    /// <summary>Length of Q: one format byte and two coordinates.</summary>
    public int PointLength => 1 + (2 * _fieldSize);

    public static EcdhKeyExchange NistP256() =>
        new("ecdh-sha2-nistp256", ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256);

    public static EcdhKeyExchange NistP384() =>
        new("ecdh-sha2-nistp384", ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384);

    public static EcdhKeyExchange NistP521() =>
        new("ecdh-sha2-nistp521", ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512);

    public byte[] CreateClientValue()
    {
        _clientKey?.Dispose();
        _clientKey = ECDiffieHellman.Create(_curve);
        return EncodePoint(_clientKey);
    }

    public bool TryRespond(ReadOnlySpan<byte> clientValue, out byte[] serverValue, out byte[] sharedSecret)
    {
        serverValue = [];
        using var serverKey = ECDiffieHellman.Create(_curve);
        if (!TryAgree(serverKey, clientValue, out sharedSecret))
        {
            return false;
        }

        serverValue = EncodePoint(serverKey);
        return true;
    }

    public bool TryComplete(ReadOnlySpan<byte> serverValue, out byte[] sharedSecret)
    {
        var clientKey = _clientKey ?? throw new InvalidOperationException("CreateClientValue must be called before TryComplete.");
        return TryAgree(clientKey, serverValue, out sharedSecret);
    }

    public void Dispose()
    {
        _clientKey?.Dispose();
        _clientKey = null;
    }

    private byte[] EncodePoint(ECDiffieHellman key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        var point = new byte[PointLength];
        point[0] = 0x04;
        q.X.AsSpan().CopyTo(point.AsSpan(1 + _fieldSize - q.X!.Length, q.X.Length));
        q.Y.AsSpan().CopyTo(point.AsSpan(1 + (2 * _fieldSize) - q.Y!.Length, q.Y.Length));
        return point;
    }

    private bool TryAgree(ECDiffieHellman ownKey, ReadOnlySpan<byte> peerPoint, out byte[] sharedSecret)
    {
        sharedSecret = [];

        // Only the uncompressed form is allowed (RFC 5656 §4 with SEC1 point encoding; OpenSSH
        // sshkey_ec_validate_public rejects the rest).
        if (peerPoint.Length != PointLength || peerPoint[0] != 0x04)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = _curve,
            Q = new ECPoint
            {
                X = peerPoint.Slice(1, _fieldSize).ToArray(),
                Y = peerPoint.Slice(1 + _fieldSize, _fieldSize).ToArray(),
            },
        };

        byte[]? raw = null;
        try
        {
            // Import validates that the point lies on the curve (and is not the point at infinity,
            // which has no affine encoding); an invalid-curve point throws here.
            using var peer = ECDiffieHellman.Create(parameters);
            using var peerPublic = peer.PublicKey;
            raw = ownKey.DeriveRawSecretAgreement(peerPublic);
            sharedSecret = SshEncoding.EncodeMPInt(raw);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            if (raw is not null)
            {
                CryptographicOperations.ZeroMemory(raw);
            }
        }
    }
}
