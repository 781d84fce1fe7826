using System.Buffers.Binary;
using Warren.Ssh.Auth;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>The certificate blob parser: fields of real ssh-keygen certificates, and hostile input.</summary>
public sealed class OpenSshCertificateTests : IClassFixture<CertificateFixture>
{
    private static readonly IHostKey Ca = KeyFile.Generate("ed25519");
    private readonly CertificateFixture _f;

    public OpenSshCertificateTests(CertificateFixture fixture)
    {
        _f = fixture;
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp384")]
    [InlineData("rsa", "ssh-rsa-cert-v01@openssh.com", "ssh-rsa")]
    public void TryParse_SshKeygenCertificate_ReadsEveryField(string type, string certType, string keyType)
    {
        var path = type switch { "ed25519" => _f.UserEd25519, "ecdsa" => _f.UserEcdsa, _ => _f.UserRsa };
        var cert = _f.Certify(path, _f.CaRsa, "alice,b c", "20300101000000Z:20300102000000Z", "-z", "99", "-O", "source-address=10.0.0.0/8", "-O", "no-pty");

        Assert.True(OpenSshCertificate.TryParse(cert, out var parsed));
        Assert.Equal(certType, parsed!.Type);
        Assert.Equal(keyType, parsed.KeyType);
        Assert.Equal(CertificateFixture.PublicBlob(path), parsed.PublicKeyBlob);
        Assert.Equal(CertificateFixture.PublicBlob(_f.CaRsa), parsed.SignatureKey);
        Assert.Equal(99UL, parsed.Serial);
        Assert.Equal(OpenSshCertificate.UserCertificate, parsed.CertificateType);
        Assert.Equal("test-id", parsed.KeyId);
        Assert.Equal(["alice", "b c"], parsed.Principals);
        Assert.Equal((ulong)new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), parsed.ValidAfter);
        Assert.Equal((ulong)new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), parsed.ValidBefore);
        Assert.Equal("source-address", Assert.Single(parsed.CriticalOptions).Key);
        Assert.Contains(parsed.Extensions, e => e.Key == "permit-port-forwarding");
        Assert.DoesNotContain(parsed.Extensions, e => e.Key == "permit-pty");
        Assert.Equal(32, parsed.Nonce.Length);
        Assert.Equal(cert.AsSpan(0, parsed.SignedData.Length).ToArray(), parsed.SignedData);
        Assert.Equal(cert.Length, parsed.SignedData.Length + 4 + parsed.Signature.Length);
        Assert.True(SignatureVerifier.Verify(parsed.SignatureKey, parsed.Signature, parsed.SignedData, "rsa-sha2-512"));
    }

    [Fact]
    public void TryParse_ForeverAndHostCertificate_Read()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "host.example", validity: null, "-h");
        Assert.True(OpenSshCertificate.TryParse(cert, out var parsed));
        Assert.Equal(OpenSshCertificate.HostCertificate, parsed!.CertificateType);
        Assert.Equal(0UL, parsed.ValidAfter);
        Assert.Equal(ulong.MaxValue, parsed.ValidBefore);
    }

    [Fact]
    public void TryParse_EveryTruncationAndATrailingByte_FalseWithoutThrowing()
    {
        foreach (var cert in new[] { _f.Certify(_f.UserRsa, _f.CaEd25519, "alice", "+1h", "-O", "force-command=x"), Hand() })
        {
            for (var length = 0; length < cert.Length; length++)
            {
                Assert.False(OpenSshCertificate.TryParse(cert.AsSpan(0, length), out var parsed));
                Assert.Null(parsed);
            }

            Assert.False(OpenSshCertificate.TryParse([.. cert, 0], out _));
        }
    }

    [Fact]
    public void TryParse_EveryLengthFieldCorrupted_NeverThrows()
    {
        var cert = _f.Certify(_f.UserEcdsa, _f.CaEd25519, "alice,bob", "+1h", "-O", "source-address=10.0.0.1");
        var values = new uint[] { 0, 1, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, (uint)cert.Length, (uint)cert.Length - 4 };
        for (var offset = 0; offset + 4 <= cert.Length; offset++)
        {
            foreach (var value in values)
            {
                var copy = (byte[])cert.Clone();
                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(offset), value);
                _ = OpenSshCertificate.TryParse(copy, out _);
            }

            var flipped = (byte[])cert.Clone();
            flipped[offset] ^= 0x80;
            _ = OpenSshCertificate.TryParse(flipped, out _);
        }
    }

    [Fact]
    public void TryParse_RandomBytes_FalseWithoutThrowing()
    {
        var random = new Random(2026);
        var prefixes = new[] { "ssh-ed25519-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com" };
        for (var i = 0; i < 5000; i++)
        {
            var tail = new byte[random.Next(0, 600)];
            random.NextBytes(tail);
            byte[] blob = i % 2 == 0 ? tail : [.. TestCertificate.Str(System.Text.Encoding.ASCII.GetBytes(prefixes[i % prefixes.Length])), .. tail];
            Assert.False(OpenSshCertificate.TryParse(blob, out _));
        }
    }

    [Fact]
    public void TryParse_HandMadeCertificate_RoundTrips()
    {
        Assert.True(OpenSshCertificate.TryParse(Hand(), out var parsed));
        Assert.Equal(["alice"], parsed!.Principals);
        Assert.Equal(Ca.PublicKeyBlob, parsed.SignatureKey);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    public void TryParse_InvalidCertificateType_False(uint type)
    {
        Assert.False(OpenSshCertificate.TryParse(Hand(c => c.CertificateType = type), out _));
    }

    [Fact]
    public void TryParse_TooManyPrincipals_False()
    {
        Assert.True(OpenSshCertificate.TryParse(Hand(c => c.Principals = [.. Enumerable.Range(0, 256).Select(i => $"p{i}")]), out _));
        Assert.False(OpenSshCertificate.TryParse(Hand(c => c.Principals = [.. Enumerable.Range(0, 257).Select(i => $"p{i}")]), out _));
    }

    [Fact]
    public void TryParse_PrincipalWithNulOrKeyTypeMismatch_False()
    {
        Assert.False(OpenSshCertificate.TryParse(Hand(c => c.Principals = ["ali\0ce"]), out _));

        // An ed25519 certificate type carrying ECDSA key fields.
        using var ecdsa = (IDisposable)KeyFile.Generate("ecdsa");
        Assert.False(OpenSshCertificate.TryParse(Hand(c => c.PublicKeyBlob = ((IHostKey)ecdsa).PublicKeyBlob), out _));
    }

    [Fact]
    public void TryParse_ChainedCertificateAsSignatureKey_False()
    {
        var inner = Hand();
        var user = KeyFile.Generate("ed25519");
        var signed = new TestCertificate { PublicKeyBlob = user.PublicKeyBlob }.SignedPart(inner);
        var blob = TestCertificate.Concat(signed, TestCertificate.Str(Ca.Sign("ssh-ed25519", signed)));
        Assert.False(OpenSshCertificate.TryParse(blob, out _));
    }

    [Fact]
    public void TryParse_PlainKeyBlob_False()
    {
        Assert.False(OpenSshCertificate.TryParse(Ca.PublicKeyBlob, out _));
    }

    private static byte[] Hand(Action<TestCertificate>? change = null)
    {
        var cert = new TestCertificate { PublicKeyBlob = KeyFile.Generate("ed25519").PublicKeyBlob };
        change?.Invoke(cert);
        return cert.Build(Ca);
    }
}
