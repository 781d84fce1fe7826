using System.Buffers.Binary;
using System.Text;
using Warren.Ssh.Crypto;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Auth;

/// <summary>
/// Builds certificate blobs by hand (PROTOCOL.certkeys) for what ssh-keygen will not make:
/// a principal containing a comma, duplicate or corrupt options, odd CA signatures.
/// </summary>
internal sealed class TestCertificate
{
    public string Type { get; set; } = "ssh-ed25519-cert-v01@openssh.com";

    /// <summary>The certified key as a plain blob; its fields after the type are copied in.</summary>
    public byte[] PublicKeyBlob { get; set; } = [];

    public ulong Serial { get; set; } = 7;

    public uint CertificateType { get; set; } = 1;

    public string KeyId { get; set; } = "hand-made";

    public List<string> Principals { get; set; } = ["alice"];

    public ulong ValidAfter { get; set; }

    public ulong ValidBefore { get; set; } = ulong.MaxValue;

    /// <summary>Raw (name, data) pairs, in order.</summary>
    public List<(string Name, byte[] Data)> CriticalOptions { get; set; } = [];

    public List<(string Name, byte[] Data)> Extensions { get; set; } = [("permit-port-forwarding", [])];

    /// <summary>Encodes a string value as option data (<c>string value</c>).</summary>
    public static byte[] StringData(string value) => Concat(Str(Encoding.UTF8.GetBytes(value)));

    /// <summary>Everything up to and including the signature key.</summary>
    public byte[] SignedPart(byte[] caPublicKeyBlob)
    {
        var keyReader = new SshReader(PublicKeyBlob);
        keyReader.TryReadString(out _);
        var keyFields = keyReader.Rest.ToArray();
        return Concat(
            Str(Encoding.ASCII.GetBytes(Type)),
            Str(new byte[32]),
            keyFields,
            U64(Serial),
            U32(CertificateType),
            Str(Encoding.UTF8.GetBytes(KeyId)),
            Str(Concat([.. Principals.Select(p => Str(Encoding.UTF8.GetBytes(p)))])),
            U64(ValidAfter),
            U64(ValidBefore),
            Str(Concat([.. CriticalOptions.Select(o => Concat(Str(Encoding.ASCII.GetBytes(o.Name)), Str(o.Data)))])),
            Str(Concat([.. Extensions.Select(o => Concat(Str(Encoding.ASCII.GetBytes(o.Name)), Str(o.Data)))])),
            Str([]),
            Str(caPublicKeyBlob));
    }

    /// <summary>The whole certificate, signed by <paramref name="ca"/> with <paramref name="signatureAlgorithm"/>.</summary>
    public byte[] Build(IHostKey ca, string? signatureAlgorithm = null)
    {
        var signed = SignedPart(ca.PublicKeyBlob);
        return Concat(signed, Str(ca.Sign(signatureAlgorithm ?? ca.SignatureAlgorithms[0], signed)));
    }

    public static byte[] Str(byte[] value) => Concat(U32((uint)value.Length), value);

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
