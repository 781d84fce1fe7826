using System.Security.Cryptography;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Keys;

/// <summary>
/// openssh-key-v1 files whose halves do not belong together: the reader must refuse them rather
/// than load a key that signs with one secret and advertises another public key.
/// </summary>
public sealed class KeyFileConsistencyTests
{
    [Fact]
    public void Parse_Ed25519SeedOfAnotherKey_ThrowsInvalidData()
    {
        var advertised = Ed25519HostKey.Generate();
        var other = Ed25519HostKey.Generate();
        var file = OpenSshKeyWriter.WritePrivateKey(new ForgedKey(advertised, b =>
        {
            b.WriteString(advertised.PublicKey);
            b.WriteUInt32(64);
            b.WriteBytes(SeedOf(other));
            b.WriteBytes(advertised.PublicKey);
        }), "forged");

        Assert.Throws<InvalidDataException>(() => KeyFile.Parse(file, "forged"));
    }

    [Fact]
    public void Parse_EcdsaScalarOfAnotherKey_ThrowsInvalidData()
    {
        using var advertisedEcdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherEcdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var advertised = new EcdsaHostKey(advertisedEcdsa);
        var q = advertisedEcdsa.ExportParameters(false).Q;
        var d = otherEcdsa.ExportParameters(true).D!;
        var file = OpenSshKeyWriter.WritePrivateKey(new ForgedKey(advertised, b =>
        {
            b.WriteString("nistp256");
            b.WriteString(EcdsaCurve.NistP256.EncodePoint(q));
            b.WriteMPInt(d);
        }), "forged");

        Assert.Throws<InvalidDataException>(() => KeyFile.Parse(file, "forged"));
    }

    [Theory]
    [InlineData("iqmp")]
    [InlineData("p")]
    [InlineData("d")]
    public void Parse_RsaWithBrokenPrivateField_ThrowsInvalidData(string field)
    {
        using var rsa = RSA.Create(2048);
        var advertised = new RsaHostKey(rsa);
        var p = rsa.ExportParameters(true);
        var file = OpenSshKeyWriter.WritePrivateKey(new ForgedKey(advertised, b =>
        {
            b.WriteMPInt(p.Modulus);
            b.WriteMPInt(p.Exponent);
            b.WriteMPInt(field == "d" ? Flip(p.D!) : p.D);
            b.WriteMPInt(field == "iqmp" ? Flip(p.InverseQ!) : p.InverseQ);
            b.WriteMPInt(field == "p" ? Flip(p.P!) : p.P);
            b.WriteMPInt(p.Q);
        }), "forged");

        Assert.Throws<InvalidDataException>(() => KeyFile.Parse(file, "forged"));
    }

    [Fact]
    public void Parse_WellFormedForgery_IsTheControlCase()
    {
        // The same writer with honest fields loads, so the failures above come from the checks.
        var key = Ed25519HostKey.Generate();
        var file = OpenSshKeyWriter.WritePrivateKey(new ForgedKey(key, key.WritePrivateFields), "honest");
        Assert.Equal(key.PublicKeyBlob, KeyFile.Parse(file, "honest").PublicKeyBlob);
    }

    private static byte[] Flip(byte[] value)
    {
        var copy = (byte[])value.Clone();
        copy[^3] ^= 0x10;
        return copy;
    }

    private static byte[] SeedOf(Ed25519HostKey key)
    {
        var builder = new SshBlobBuilder();
        key.WritePrivateFields(builder);
        var fields = builder.ToArray();

        // string pk (4 + 32), then uint32 64, then seed(32) || pk(32).
        return fields[40..72];
    }

    private sealed class ForgedKey(IOpenSshPrivateKey shown, Action<SshBlobBuilder> writeFields) : IOpenSshPrivateKey
    {
        public string KeyType => shown.KeyType;

        public IReadOnlyList<string> SignatureAlgorithms => shown.SignatureAlgorithms;

        public byte[] PublicKeyBlob => shown.PublicKeyBlob;

        public byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data) => shown.Sign(signatureAlgorithm, data);

        public void WritePrivateFields(SshBlobBuilder builder) => writeFields(builder);
    }
}
