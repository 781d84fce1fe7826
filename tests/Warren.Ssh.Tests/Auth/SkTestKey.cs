using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>
/// A software stand-in for a FIDO authenticator (OpenSSH PROTOCOL.u2f): makes sk-ssh-ed25519 and
/// sk-ecdsa-sha2-nistp256 key blobs and signs as a security key would, with chosen flags and counter.
/// </summary>
internal sealed class SkTestKey : IDisposable
{
    private readonly byte[]? _ed25519Seed;
    private readonly ECDsa? _ecdsa;

    private SkTestKey(string type, string application)
    {
        Type = type;
        Application = application;
        var builder = new SshBlobBuilder();
        builder.WriteString(type);
        if (type == "sk-ssh-ed25519@openssh.com")
        {
            _ed25519Seed = RandomNumberGenerator.GetBytes(32);
            var pk = new byte[32];
            Ed25519.GeneratePublicKey(_ed25519Seed, 0, pk, 0);
            builder.WriteString(pk);
        }
        else
        {
            _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            builder.WriteString("nistp256");
            builder.WriteString(EcdsaCurve.NistP256.EncodePoint(_ecdsa.ExportParameters(false).Q));
        }

        builder.WriteString(application);
        PublicKeyBlob = builder.ToArray();
    }

    public string Type { get; }

    public string Application { get; }

    public byte[] PublicKeyBlob { get; }

    public static SkTestKey Ed25519Key(string application = "ssh:") => new("sk-ssh-ed25519@openssh.com", application);

    public static SkTestKey EcdsaKey(string application = "ssh:") => new("sk-ecdsa-sha2-nistp256@openssh.com", application);

    /// <summary>The signature blob: string type, string signature, byte flags, uint32 counter.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data, byte flags, uint counter, string? applicationOverride = null)
    {
        var message = new byte[69];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(applicationOverride ?? Application), message.AsSpan(0, 32));
        message[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(33, 4), counter);
        SHA256.HashData(data, message.AsSpan(37, 32));

        var blob = new SshBlobBuilder();
        blob.WriteString(Type);
        if (_ed25519Seed is not null)
        {
            var signature = new byte[64];
            Ed25519.Sign(_ed25519Seed, 0, message, 0, message.Length, signature, 0);
            blob.WriteString(signature);
        }
        else
        {
            var rs = _ecdsa!.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var inner = new SshBlobBuilder();
            inner.WriteMPInt(rs.AsSpan(0, 32));
            inner.WriteMPInt(rs.AsSpan(32, 32));
            blob.WriteString(inner.ToArray());
        }

        blob.WriteBytes([flags]);
        blob.WriteUInt32(counter);
        return blob.ToArray();
    }

    /// <summary>The <c>.pub</c> line, so ssh-keygen can certify the key.</summary>
    public string PublicLine() => $"{Type} {Convert.ToBase64String(PublicKeyBlob)} sk@test";

    public void Dispose() => _ecdsa?.Dispose();
}
