using System.Security.Cryptography;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// Post-quantum KEM combined with X25519: mlkem768x25519-sha256 (draft-ietf-sshm-mlkem-hybrid-kex)
/// and sntrup761x25519-sha512 (RFC 9941, also under its @openssh.com name). Wire format as in
/// OpenSSH kexmlkem768x25519.c / kexsntrup761x25519.c, KEM part first in both directions:
/// Q_C = kem_pk || x25519_pub, Q_S = kem_ct || x25519_pub,
/// K = string(HASH(kem_secret || x25519_secret_raw)).
/// </summary>
internal sealed class HybridKeyExchange : IKeyExchange
{
    private readonly IPostQuantumKem _kem;
    private X25519Agreement? _agreement;

    public HybridKeyExchange(string name, HashAlgorithmName hashAlgorithm, IPostQuantumKem kem)
    {
        Name = name;
        HashAlgorithm = hashAlgorithm;
        _kem = kem;
    }

    public string Name { get; }

    public HashAlgorithmName HashAlgorithm { get; }

    public bool UsesMPInt => false;

    /// <summary>Length of Q_C: 1216 for ML-KEM-768, 1190 for sntrup761.</summary>
    public int ClientValueLength => _kem.PublicKeyLength + X25519Agreement.Size;

    /// <summary>Length of Q_S: 1120 for ML-KEM-768, 1071 for sntrup761.</summary>
    public int ServerValueLength => _kem.CiphertextLength + X25519Agreement.Size;

    public byte[] CreateClientValue()
    {
        _agreement?.Dispose();
        _agreement = new X25519Agreement();
        var publicKey = _kem.GenerateKeyPair();
        var value = new byte[ClientValueLength];
        publicKey.CopyTo(value, 0);
        _agreement.PublicKey.CopyTo(value, publicKey.Length);
        return value;
    }

    public bool TryRespond(ReadOnlySpan<byte> clientValue, out byte[] serverValue, out byte[] sharedSecret)
    {
        serverValue = [];
        sharedSecret = [];

        // Exact length first: OpenSSH answers any other length with SSH_ERR_SIGNATURE_INVALID.
        if (clientValue.Length != ClientValueLength)
        {
            return false;
        }

        var kemPublicKey = clientValue[.._kem.PublicKeyLength];
        var x25519Public = clientValue[_kem.PublicKeyLength..];
        var reply = new byte[ServerValueLength];
        Span<byte> secrets = stackalloc byte[_kem.SecretLength + X25519Agreement.Size];
        try
        {
            using var agreement = new X25519Agreement();
            if (!agreement.TryAgree(x25519Public, secrets[_kem.SecretLength..]))
            {
                return false;
            }

            if (!_kem.TryEncapsulate(kemPublicKey, reply.AsSpan(0, _kem.CiphertextLength), secrets[.._kem.SecretLength]))
            {
                return false;
            }

            agreement.PublicKey.CopyTo(reply, _kem.CiphertextLength);
            sharedSecret = EncodeSecret(secrets);
            serverValue = reply;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    public bool TryComplete(ReadOnlySpan<byte> serverValue, out byte[] sharedSecret)
    {
        sharedSecret = [];
        var agreement = _agreement ?? throw new InvalidOperationException("CreateClientValue must be called before TryComplete.");
        if (serverValue.Length != ServerValueLength)
        {
            return false;
        }

        Span<byte> secrets = stackalloc byte[_kem.SecretLength + X25519Agreement.Size];
        try
        {
            if (!agreement.TryAgree(serverValue[_kem.CiphertextLength..], secrets[_kem.SecretLength..]))
            {
                return false;
            }

            if (!_kem.TryDecapsulate(serverValue[.._kem.CiphertextLength], secrets[.._kem.SecretLength]))
            {
                return false;
            }

            sharedSecret = EncodeSecret(secrets);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    public void Dispose()
    {
        _agreement?.Dispose();
        _agreement = null;
        _kem.Dispose();
    }

    /// <summary>K = string(HASH(kem_secret || x25519_secret)), the X25519 part raw, not an mpint.</summary>
    private byte[] EncodeSecret(ReadOnlySpan<byte> secrets)
    {
        Span<byte> digest = stackalloc byte[64];
        try
        {
            var written = HashAlgorithm == HashAlgorithmName.SHA512
                ? SHA512.HashData(secrets, digest)
                : SHA256.HashData(secrets, digest);
            return SshEncoding.EncodeString(digest[..written]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digest);
        }
    }
}
