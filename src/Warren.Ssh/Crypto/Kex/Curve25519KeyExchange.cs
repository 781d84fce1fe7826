using System.Security.Cryptography;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// curve25519-sha256 and its pre-RFC alias curve25519-sha256@libssh.org (RFC 8731). Q_C and Q_S
/// are 32-byte X25519 values; K is the mpint of the 32 raw output bytes read big-endian (§3.1).
/// </summary>
internal sealed class Curve25519KeyExchange : IKeyExchange
{
    private X25519Agreement? _agreement;

    public Curve25519KeyExchange(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public HashAlgorithmName HashAlgorithm => HashAlgorithmName.SHA256;

    public bool UsesMPInt => false;

    public byte[] CreateClientValue()
    {
        _agreement?.Dispose();
        _agreement = new X25519Agreement();
        return (byte[])_agreement.PublicKey.Clone();
    }

    public bool TryRespond(ReadOnlySpan<byte> clientValue, out byte[] serverValue, out byte[] sharedSecret)
    {
        serverValue = [];
        sharedSecret = [];
        if (clientValue.Length != X25519Agreement.Size)
        {
            return false;
        }

        using var agreement = new X25519Agreement();
        if (!TryEncodeSecret(agreement, clientValue, out sharedSecret))
        {
            return false;
        }

        serverValue = (byte[])agreement.PublicKey.Clone();
        return true;
    }

    public bool TryComplete(ReadOnlySpan<byte> serverValue, out byte[] sharedSecret)
    {
        var agreement = _agreement ?? throw new InvalidOperationException("CreateClientValue must be called before TryComplete.");
        return TryEncodeSecret(agreement, serverValue, out sharedSecret);
    }

    public void Dispose()
    {
        _agreement?.Dispose();
        _agreement = null;
    }

    private static bool TryEncodeSecret(X25519Agreement agreement, ReadOnlySpan<byte> peer, out byte[] sharedSecret)
    {
        sharedSecret = [];
        Span<byte> raw = stackalloc byte[X25519Agreement.Size];
        try
        {
            if (!agreement.TryAgree(peer, raw))
            {
                return false;
            }

            // RFC 8731 §3.1: the output is used as a big-endian integer, no byte reversal.
            sharedSecret = SshEncoding.EncodeMPInt(raw);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }
}
