using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Warren.Ssh.Keys;

/// <summary>
/// An ssh-ed25519 key (RFC 8709) held as its 32-byte seed. Blob = string "ssh-ed25519" || string pk;
/// signature = string "ssh-ed25519" || string sig(64). Thread-safe: signing reads immutable state.
/// </summary>
internal sealed class Ed25519HostKey : IOpenSshPrivateKey
{
    public const string Name = "ssh-ed25519";

    private static readonly string[] Algorithms = [Name];

    private readonly byte[] _seed;
    private readonly byte[] _publicKey;

    /// <summary>Takes a copy of the 32-byte private seed (RFC 8032 §5.1.5 secret key).</summary>
    public Ed25519HostKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException($"An Ed25519 seed is {Ed25519.SecretKeySize} bytes, not {seed.Length}.", nameof(seed));
        }

        _seed = seed.ToArray();
        _publicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_seed, _publicKey);

        var builder = new SshBlobBuilder();
        builder.WriteString(Name);
        builder.WriteString(_publicKey);
        PublicKeyBlob = builder.ToArray();
    }

    public string KeyType => Name;

    public IReadOnlyList<string> SignatureAlgorithms => Algorithms;

    public byte[] PublicKeyBlob { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public static Ed25519HostKey Generate()
    {
        Span<byte> seed = stackalloc byte[Ed25519.SecretKeySize];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return new Ed25519HostKey(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != Name)
        {
            throw new ArgumentException($"An Ed25519 key cannot sign with '{signatureAlgorithm}'.", nameof(signatureAlgorithm));
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureSize];

        // The span cast matters: a byte[] second argument binds to the Ed25519ctx overload (context, not key).
        Ed25519.Sign(_seed, (ReadOnlySpan<byte>)_publicKey, data, signature);
        var builder = new SshBlobBuilder(4 + Name.Length + 4 + Ed25519.SignatureSize);
        builder.WriteString(Name);
        builder.WriteString(signature);
        return builder.ToArray();
    }

    /// <summary>PROTOCOL.key / sshkey.c: string pk(32), string sk(64) = seed || pk.</summary>
    public void WritePrivateFields(SshBlobBuilder builder)
    {
        builder.WriteString(_publicKey);
        builder.WriteUInt32((uint)(Ed25519.SecretKeySize + Ed25519.PublicKeySize));
        builder.WriteBytes(_seed);
        builder.WriteBytes(_publicKey);
    }
}
