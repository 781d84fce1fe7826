using System.Security.Cryptography;
using Warren.Ssh.Auth;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>Userauth signatures (RFC 4252 §7) by plain keys, certificates and FIDO sk-* keys (PROTOCOL.u2f).</summary>
public sealed class UserSignatureTests : IClassFixture<CertificateFixture>
{
    private static readonly byte[] Data = SHA256.HashData("session id and userauth request"u8);
    private static readonly Lazy<IHostKey> Rsa = new(() => KeyFile.Generate("rsa"));

    private readonly CertificateFixture _f;

    public UserSignatureTests(CertificateFixture fixture)
    {
        _f = fixture;
    }

    public static TheoryData<string, string> PlainKeys() => new()
    {
        { "ed25519", "ssh-ed25519" },
        { "ecdsa", "ecdsa-sha2-nistp256" },
        { "rsa", "rsa-sha2-512" },
        { "rsa", "rsa-sha2-256" },
    };

    [Theory]
    [MemberData(nameof(PlainKeys))]
    public void Verify_PlainKeySignature_TrueAndNoSkFlags(string type, string algorithm)
    {
        var key = type == "rsa" ? Rsa.Value : KeyFile.Generate(type);
        var signature = key.Sign(algorithm, Data);
        Assert.True(UserSignature.Verify(algorithm, key.PublicKeyBlob, signature, Data, out var flags));
        Assert.Null(flags);

        var otherData = (byte[])Data.Clone();
        otherData[3] ^= 4;
        Assert.False(UserSignature.Verify(algorithm, key.PublicKeyBlob, signature, otherData, out _));
        for (var length = 0; length < signature.Length; length += 7)
        {
            Assert.False(UserSignature.Verify(algorithm, key.PublicKeyBlob, signature.AsSpan(0, length), Data, out _));
        }
    }

    [Theory]
    [InlineData("ed25519", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa", "ssh-ed25519")]
    [InlineData("rsa", "ssh-rsa")]
    [InlineData("ed25519", "ssh-ed25519-cert-v01@openssh.com")]
    public void Verify_AlgorithmNotMatchingKey_False(string type, string algorithm)
    {
        var key = type == "rsa" ? Rsa.Value : KeyFile.Generate(type);
        var signature = key.Sign(key.SignatureAlgorithms[0], Data);
        Assert.False(UserSignature.Verify(algorithm, key.PublicKeyBlob, signature, Data, out _));
    }

    [Fact]
    public void Verify_RsaSignatureAlgorithmDifferentFromRequest_False()
    {
        var signature = Rsa.Value.Sign("rsa-sha2-256", Data);
        Assert.False(UserSignature.Verify("rsa-sha2-512", Rsa.Value.PublicKeyBlob, signature, Data, out _));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp384")]
    [InlineData("rsa", "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-512")]
    [InlineData("rsa", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-256")]
    public void Verify_CertificateSignedByCertifiedKey_True(string type, string algorithm, string signatureAlgorithm)
    {
        var path = type switch { "ed25519" => _f.UserEd25519, "ecdsa" => _f.UserEcdsa, _ => _f.UserRsa };
        var cert = _f.Certify(path, _f.CaEd25519, "alice");
        var key = KeyFile.Load(path);
        var signature = key.Sign(signatureAlgorithm, Data);

        Assert.True(UserSignature.Verify(algorithm, cert, signature, Data, out var flags));
        Assert.Null(flags);

        // Signed by the CA instead of the certified key: refused.
        var caSignature = KeyFile.Load(_f.CaEd25519).Sign("ssh-ed25519", Data);
        Assert.False(UserSignature.Verify(algorithm, cert, caSignature, Data, out _));
    }

    [Fact]
    public void Verify_RsaCertificateWithOtherHashInSignature_False()
    {
        var cert = _f.Certify(_f.UserRsa, _f.CaEd25519, "alice");
        var signature = KeyFile.Load(_f.UserRsa).Sign("rsa-sha2-256", Data);
        Assert.False(UserSignature.Verify("rsa-sha2-512-cert-v01@openssh.com", cert, signature, Data, out _));
        Assert.False(UserSignature.Verify("ssh-rsa-cert-v01@openssh.com", cert, signature, Data, out _));
    }

    [Theory]
    [InlineData("ed25519", 0x01)]
    [InlineData("ed25519", 0x00)]
    [InlineData("ed25519", 0x05)]
    [InlineData("ecdsa", 0x01)]
    [InlineData("ecdsa", 0x00)]
    [InlineData("ecdsa", 0x05)]
    public void Verify_SkSignature_ReturnsFlagsAndCounter(string type, byte flagByte)
    {
        using var key = type == "ed25519" ? SkTestKey.Ed25519Key() : SkTestKey.EcdsaKey();
        var signature = key.Sign(Data, flagByte, 1234);

        Assert.True(UserSignature.Verify(key.Type, key.PublicKeyBlob, signature, Data, out var flags));
        Assert.NotNull(flags);
        Assert.Equal(flagByte, flags.Value.Flags);
        Assert.Equal(1234u, flags.Value.Counter);
        Assert.Equal((flagByte & 1) != 0, flags.Value.UserPresent);
        Assert.Equal((flagByte & 4) != 0, flags.Value.UserVerified);

        // CVE-2026-39831: presence required unless no-touch-required; verification when verify-required.
        Assert.Equal(flagByte is 0x01 or 0x05, flags.Value.Satisfies(requireUserPresence: true, requireUserVerification: false));
        Assert.True(flags.Value.Satisfies(requireUserPresence: false, requireUserVerification: false));
        Assert.Equal(flagByte == 0x05, flags.Value.Satisfies(requireUserPresence: true, requireUserVerification: true));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    public void Verify_SkSignatureTampered_False(string type)
    {
        using var key = type == "ed25519" ? SkTestKey.Ed25519Key() : SkTestKey.EcdsaKey();
        var signature = key.Sign(Data, 0x01, 7);

        // Flags or counter changed after signing (a forged user-presence bit).
        var flagsForged = (byte[])signature.Clone();
        flagsForged[^5] = 0x05;
        Assert.False(UserSignature.Verify(key.Type, key.PublicKeyBlob, flagsForged, Data, out var flags));
        Assert.Null(flags);

        var counterChanged = (byte[])signature.Clone();
        counterChanged[^1] ^= 1;
        Assert.False(UserSignature.Verify(key.Type, key.PublicKeyBlob, counterChanged, Data, out _));

        // Signed for another application (relying party).
        Assert.False(UserSignature.Verify(key.Type, key.PublicKeyBlob, key.Sign(Data, 1, 7, "ssh:other"), Data, out _));

        Assert.False(UserSignature.Verify(key.Type, key.PublicKeyBlob, [.. signature, 0], Data, out _));
        for (var length = 0; length < signature.Length; length++)
        {
            Assert.False(UserSignature.Verify(key.Type, key.PublicKeyBlob, signature.AsSpan(0, length), Data, out _));
        }
    }

    [Fact]
    public void Verify_SkKeyWithPlainAlgorithmName_False()
    {
        using var key = SkTestKey.Ed25519Key();
        Assert.False(UserSignature.Verify("ssh-ed25519", key.PublicKeyBlob, key.Sign(Data, 1, 1), Data, out _));
        using var ecdsa = SkTestKey.EcdsaKey();
        Assert.False(UserSignature.Verify("ecdsa-sha2-nistp256", ecdsa.PublicKeyBlob, ecdsa.Sign(Data, 1, 1), Data, out _));
    }

    [Theory]
    [InlineData("ed25519", "sk-ssh-ed25519-cert-v01@openssh.com")]
    [InlineData("ecdsa", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com")]
    public void Verify_SkCertificateMadeBySshKeygen_TrueWithFlags(string type, string algorithm)
    {
        using var key = type == "ed25519" ? SkTestKey.Ed25519Key() : SkTestKey.EcdsaKey();
        var pub = _f.WriteFile("sk.pub", key.PublicLine() + "\n");
        var cert = CertificateFixture.CertifyPublic(pub, _f.CaEd25519, "alice", "+1h", "-O", "no-touch-required");

        Assert.True(UserSignature.Verify(algorithm, cert, key.Sign(Data, 0x00, 9), Data, out var flags));
        Assert.False(flags!.Value.UserPresent);

        var policy = new CertificatePolicy(new TrustedUserCaKeys([CertificateFixture.PublicBlob(_f.CaEd25519)]));
        var decision = policy.Check("alice", algorithm, cert, System.Net.IPAddress.Loopback, DateTimeOffset.UtcNow);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.False(decision.RequireUserPresence);
    }

    [Fact]
    public void Verify_GarbageInputs_FalseWithoutThrowing()
    {
        var random = new Random(1);
        var algorithms = new[] { "ssh-ed25519", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", string.Empty };
        for (var i = 0; i < 2000; i++)
        {
            var key = new byte[random.Next(0, 200)];
            var signature = new byte[random.Next(0, 200)];
            random.NextBytes(key);
            random.NextBytes(signature);
            Assert.False(UserSignature.Verify(algorithms[i % algorithms.Length], key, signature, Data, out var flags));
            Assert.Null(flags);
        }
    }
}
