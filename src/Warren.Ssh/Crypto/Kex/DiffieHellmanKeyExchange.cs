using System.Numerics;
using System.Security.Cryptography;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// diffie-hellman-group14-sha256 and diffie-hellman-group16-sha512 (RFC 8268, RFC 4253 §8) over
/// the RFC 3526 MODP groups with generator 2. The public values e and f are handed over as the
/// body of their mpint (unsigned big-endian, no length prefix, as <see cref="SshReader.TryReadMPInt"/>
/// yields and <see cref="SshWriter.WriteMPInt"/> takes); K is the whole encoded mpint.
/// </summary>
internal sealed class DiffieHellmanKeyExchange : IKeyExchange
{
    private readonly BigInteger _prime;
    private readonly int _exponentBits;
    private BigInteger _clientExponent;

    private DiffieHellmanKeyExchange(string name, BigInteger prime, int exponentBits, HashAlgorithmName hashAlgorithm)
    {
        Name = name;
        _prime = prime;
        _exponentBits = exponentBits;
        HashAlgorithm = hashAlgorithm;
    }

    public string Name { get; }

    public HashAlgorithmName HashAlgorithm { get; }

    public bool UsesMPInt => true;

    /// <summary>Group 14: 2048-bit prime, ~112-bit strength, so a 256-bit exponent (2x, NIST SP 800-56A).</summary>
    public static DiffieHellmanKeyExchange Group14() =>
        new("diffie-hellman-group14-sha256", DiffieHellmanGroups.Group14Prime, 256, HashAlgorithmName.SHA256);

    /// <summary>Group 16: 4096-bit prime, ~150-bit strength; 512 bits as OpenSSH uses for SHA-512.</summary>
    public static DiffieHellmanKeyExchange Group16() =>
        new("diffie-hellman-group16-sha512", DiffieHellmanGroups.Group16Prime, 512, HashAlgorithmName.SHA512);

    public byte[] CreateClientValue()
    {
        _clientExponent = NewExponent();
        return ToMPIntBody(BigInteger.ModPow(2, _clientExponent, _prime));
    }

    public bool TryRespond(ReadOnlySpan<byte> clientValue, out byte[] serverValue, out byte[] sharedSecret)
    {
        serverValue = [];
        sharedSecret = [];
        if (!TryParsePublic(clientValue, out var e))
        {
            return false;
        }

        var y = NewExponent();
        var k = BigInteger.ModPow(e, y, _prime);
        serverValue = ToMPIntBody(BigInteger.ModPow(2, y, _prime));
        sharedSecret = EncodeSecret(k);
        return true;
    }

    public bool TryComplete(ReadOnlySpan<byte> serverValue, out byte[] sharedSecret)
    {
        sharedSecret = [];
        if (_clientExponent.IsZero)
        {
            throw new InvalidOperationException("CreateClientValue must be called before TryComplete.");
        }

        if (!TryParsePublic(serverValue, out var f))
        {
            return false;
        }

        sharedSecret = EncodeSecret(BigInteger.ModPow(f, _clientExponent, _prime));
        return true;
    }

    public void Dispose() => _clientExponent = BigInteger.Zero;

    private static byte[] ToMPIntBody(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    private static byte[] EncodeSecret(BigInteger k)
    {
        var raw = k.ToByteArray(isUnsigned: true, isBigEndian: true);
        try
        {
            return SshEncoding.EncodeMPInt(raw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>
    /// Reads a peer value and requires 1 &lt; v &lt; p-1 (RFC 4253 §8, CVE-2023-28113): 0, 1 and
    /// p-1 force a known K, and values at or above p are not group elements.
    /// </summary>
    private bool TryParsePublic(ReadOnlySpan<byte> raw, out BigInteger value)
    {
        value = BigInteger.Zero;

        // A body longer than the prime plus one sign byte cannot be below p: refuse before parsing.
        var limit = (int)((_prime.GetBitLength() + 7) / 8) + 1;
        if (raw.Length == 0 || raw.Length > limit)
        {
            return false;
        }

        value = new BigInteger(raw, isUnsigned: true, isBigEndian: true);
        return value > BigInteger.One && value < _prime - BigInteger.One;
    }

    /// <summary>A uniformly random exponent of exactly <see cref="_exponentBits"/> bits from the OS CSPRNG.</summary>
    private BigInteger NewExponent()
    {
        var bytes = new byte[_exponentBits / 8];
        try
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[0] |= 0x80;
            return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
