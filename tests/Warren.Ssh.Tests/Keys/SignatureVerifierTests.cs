using System.Security.Cryptography;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Keys;

/// <summary>Signing with every key type, and every way a signature check must fail closed (CVE-2023-2283).</summary>
public sealed class SignatureVerifierTests
{
    private static readonly byte[] Data = SHA512.HashData("exchange hash H"u8);

    private static readonly Lazy<IHostKey> Rsa = new(() => KeyFile.Generate("rsa"));

    public static TheoryData<string, string> KeysAndAlgorithms() => new()
    {
        { "ed25519", "ssh-ed25519" },
        { "p256", "ecdsa-sha2-nistp256" },
        { "p384", "ecdsa-sha2-nistp384" },
        { "p521", "ecdsa-sha2-nistp521" },
        { "rsa", "rsa-sha2-512" },
        { "rsa", "rsa-sha2-256" },
    };

    [Theory]
    [MemberData(nameof(KeysAndAlgorithms))]
    public void Verify_FreshSignature_ReturnsTrue(string keyName, string algorithm)
    {
        var key = KeyOf(keyName);
        Assert.Contains(algorithm, key.SignatureAlgorithms);
        var signature = key.Sign(algorithm, Data);
        Assert.True(SignatureVerifier.Verify(key.PublicKeyBlob, signature, Data, algorithm));
    }

    [Theory]
    [MemberData(nameof(KeysAndAlgorithms))]
    public void Verify_TamperedSignatureOrData_ReturnsFalse(string keyName, string algorithm)
    {
        var key = KeyOf(keyName);
        var signature = key.Sign(algorithm, Data);

        var tampered = (byte[])signature.Clone();
        tampered[^1] ^= 0x01;
        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, tampered, Data, algorithm));

        var otherData = (byte[])Data.Clone();
        otherData[0] ^= 0x80;
        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, signature, otherData, algorithm));
    }

    [Theory]
    [MemberData(nameof(KeysAndAlgorithms))]
    public void Verify_EveryTruncationAndATrailingByte_ReturnsFalseWithoutThrowing(string keyName, string algorithm)
    {
        var key = KeyOf(keyName);
        var signature = key.Sign(algorithm, Data);
        var blob = key.PublicKeyBlob;
        for (var length = 0; length < signature.Length; length++)
        {
            Assert.False(SignatureVerifier.Verify(blob, signature.AsSpan(0, length), Data, algorithm));
        }

        for (var length = 0; length < blob.Length; length++)
        {
            Assert.False(SignatureVerifier.Verify(blob.AsSpan(0, length), signature, Data, algorithm));
        }

        Assert.False(SignatureVerifier.Verify(blob, [.. signature, 0], Data, algorithm));
        Assert.False(SignatureVerifier.Verify([.. blob, 0], signature, Data, algorithm));
    }

    [Theory]
    [InlineData("rsa", "rsa-sha2-512", "rsa-sha2-256")]
    [InlineData("rsa", "rsa-sha2-256", "rsa-sha2-512")]
    [InlineData("rsa", "rsa-sha2-512", "ssh-rsa")]
    [InlineData("p256", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384")]
    [InlineData("ed25519", "ssh-ed25519", "ecdsa-sha2-nistp256")]
    [InlineData("ed25519", "ssh-ed25519", "")]
    public void Verify_ExpectedAlgorithmDiffers_ReturnsFalse(string keyName, string signedWith, string expected)
    {
        var key = KeyOf(keyName);
        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, key.Sign(signedWith, Data), Data, expected));
    }

    [Fact]
    public void Verify_RsaSignatureRelabelledAsOtherHash_ReturnsFalse()
    {
        // The blob's name says sha2-256 and so does the caller, but the bytes are a SHA-512 signature.
        var key = KeyOf("rsa");
        var raw = ReadSignature(key.Sign("rsa-sha2-512", Data));
        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, Ed25519VectorTests.Blob("rsa-sha2-256", raw), Data, "rsa-sha2-256"));
    }

    [Fact]
    public void Verify_SignatureFromAnotherKeyType_ReturnsFalse()
    {
        var ed25519 = KeyOf("ed25519");
        var p256 = KeyOf("p256");
        Assert.False(SignatureVerifier.Verify(p256.PublicKeyBlob, ed25519.Sign("ssh-ed25519", Data), Data, "ssh-ed25519"));
        Assert.False(SignatureVerifier.Verify(ed25519.PublicKeyBlob, p256.Sign("ecdsa-sha2-nistp256", Data), Data, "ecdsa-sha2-nistp256"));
    }

    [Fact]
    public void Verify_EcdsaBlobWithMismatchedCurveName_ReturnsFalse()
    {
        var key = KeyOf("p256");
        var reader = new SshReader(key.PublicKeyBlob);
        Assert.True(reader.TryReadString(out _));
        Assert.True(reader.TryReadString(out _));
        Assert.True(reader.TryReadString(out var point));
        var forged = new SshBlobBuilder();
        forged.WriteString("ecdsa-sha2-nistp256");
        forged.WriteString("nistp384");
        forged.WriteString(point);
        Assert.False(SignatureVerifier.Verify(forged.ToArray(), key.Sign("ecdsa-sha2-nistp256", Data), Data, "ecdsa-sha2-nistp256"));
    }

    [Fact]
    public void Verify_EcdsaPointOffCurve_ReturnsFalse()
    {
        var key = KeyOf("p256");
        var blob = (byte[])key.PublicKeyBlob.Clone();
        blob[^1] ^= 0x01;
        Assert.False(SignatureVerifier.Verify(blob, key.Sign("ecdsa-sha2-nistp256", Data), Data, "ecdsa-sha2-nistp256"));
    }

    [Theory]
    [InlineData(31, 64)]
    [InlineData(33, 64)]
    [InlineData(32, 63)]
    [InlineData(32, 65)]
    [InlineData(0, 0)]
    public void Verify_Ed25519WrongLengths_ReturnsFalse(int keyLength, int signatureLength)
    {
        var key = (Ed25519HostKey)KeyOf("ed25519");
        var raw = ReadSignature(key.Sign("ssh-ed25519", Data));
        var publicKey = new byte[keyLength];
        key.PublicKey[..Math.Min(32, keyLength)].CopyTo(publicKey);
        var signature = new byte[signatureLength];
        raw.AsSpan(0, Math.Min(64, signatureLength)).CopyTo(signature);

        Assert.False(SignatureVerifier.Verify(
            Ed25519VectorTests.Blob("ssh-ed25519", publicKey), Ed25519VectorTests.Blob("ssh-ed25519", signature), Data, "ssh-ed25519"));
    }

    [Fact]
    public void Verify_RsaModulusBelow2048Bits_ReturnsFalse()
    {
        using var small = RSA.Create(1024);
        var parameters = small.ExportParameters(false);
        var signature = small.SignData(Data, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        Assert.False(SignatureVerifier.Verify(RsaBlob(parameters.Exponent!, parameters.Modulus!), Ed25519VectorTests.Blob("rsa-sha2-512", signature), Data, "rsa-sha2-512"));
    }

    [Theory]
    [InlineData(16392)]
    [InlineData(65536)]
    public void Verify_RsaModulusAbove16384Bits_ReturnsFalse(int bits)
    {
        var modulus = RandomNumberGenerator.GetBytes(bits / 8);
        modulus[0] |= 0x80;
        modulus[^1] |= 0x01;
        Assert.False(SignatureVerifier.Verify(RsaBlob([1, 0, 1], modulus), Ed25519VectorTests.Blob("rsa-sha2-512", new byte[bits / 8]), Data, "rsa-sha2-512"));
    }

    [Fact]
    public void Verify_RsaSignatureLongerThanModulus_ReturnsFalse()
    {
        var key = KeyOf("rsa");
        var raw = ReadSignature(key.Sign("rsa-sha2-512", Data));
        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, Ed25519VectorTests.Blob("rsa-sha2-512", [0, .. raw]), Data, "rsa-sha2-512"));
    }

    [Fact]
    public void Verify_RandomBlobs_NeverThrow()
    {
        var random = new Random(7);
        string[] algorithms = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp521", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa", "x"];
        for (var i = 0; i < 2000; i++)
        {
            var algorithm = algorithms[i % algorithms.Length];
            var keyType = algorithm.StartsWith("rsa", StringComparison.Ordinal) ? "ssh-rsa" : algorithm;
            var keyBody = new byte[random.Next(0, 600)];
            random.NextBytes(keyBody);
            var signatureBody = new byte[random.Next(0, 600)];
            random.NextBytes(signatureBody);
            Assert.False(SignatureVerifier.Verify(
                Ed25519VectorTests.Blob(keyType, keyBody), Ed25519VectorTests.Blob(algorithm, signatureBody), Data, algorithm));
        }
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void Sign_UnsupportedAlgorithm_ThrowsArgumentException(string type)
    {
        var key = type == "rsa" ? KeyOf("rsa") : KeyFile.Generate(type);
        Assert.Throws<ArgumentException>(() => key.Sign("ssh-rsa", Data));
        Assert.Throws<ArgumentException>(() => key.Sign("ssh-dss", Data));
    }

    [Theory]
    [MemberData(nameof(KeysAndAlgorithms))]
    public void Sign_ManyThreadsOnOneKey_EverySignatureVerifies(string keyName, string algorithm)
    {
        // One host key serves every connection at once, so Sign must be safe to call concurrently.
        var key = KeyOf(keyName);
        var failures = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                var data = SHA256.HashData(BitConverter.GetBytes((t * 1000) + i));
                if (!SignatureVerifier.Verify(key.PublicKeyBlob, key.Sign(algorithm, data), data, algorithm))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(60))));
        Assert.Equal(0, failures);
    }

    private static IHostKey KeyOf(string name) => name switch
    {
        "ed25519" => KeyFile.Generate("ed25519"),
        "p256" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        "p384" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        "p521" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)),
        "rsa" => Rsa.Value,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    private static byte[] ReadSignature(byte[] blob)
    {
        var reader = new SshReader(blob);
        Assert.True(reader.TryReadString(out _));
        Assert.True(reader.TryReadString(out var raw));
        return raw.ToArray();
    }

    private static byte[] RsaBlob(byte[] exponent, byte[] modulus)
    {
        var builder = new SshBlobBuilder();
        builder.WriteString("ssh-rsa");
        builder.WriteMPInt(exponent);
        builder.WriteMPInt(modulus);
        return builder.ToArray();
    }
}
