using System.Buffers.Binary;
using System.Security.Cryptography;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Kex;

namespace Warren.Ssh.Tests.Kex;

/// <summary>Both sides of every method, run against each other as the transport would.</summary>
public sealed class KeyExchangeRoundTripTests
{
    public static TheoryData<string> Algorithms()
    {
        var data = new TheoryData<string>();
        foreach (var name in KeyExchangeFactory.SupportedAlgorithms)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Exchange_ClientAndServer_AgreeOnTheEncodedSecret(string name)
    {
        using var client = KeyExchangeFactory.Create(name);
        using var server = KeyExchangeFactory.Create(name);
        Assert.Equal(name, client.Name);

        var clientValue = client.CreateClientValue();
        Assert.True(server.TryRespond(clientValue, out var serverValue, out var serverSecret));
        Assert.True(client.TryComplete(serverValue, out var clientSecret));

        Assert.Equal(serverSecret, clientSecret);
        Assert.NotEmpty(serverSecret);
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256", 1216, 1120)]
    [InlineData("sntrup761x25519-sha512", 1190, 1071)]
    [InlineData("sntrup761x25519-sha512@openssh.com", 1190, 1071)]
    [InlineData("curve25519-sha256", 32, 32)]
    [InlineData("curve25519-sha256@libssh.org", 32, 32)]
    [InlineData("ecdh-sha2-nistp256", 65, 65)]
    [InlineData("ecdh-sha2-nistp384", 97, 97)]
    [InlineData("ecdh-sha2-nistp521", 133, 133)]
    public void Exchange_PublicValues_HaveTheSpecifiedLengths(string name, int clientLength, int serverLength)
    {
        using var client = KeyExchangeFactory.Create(name);
        using var server = KeyExchangeFactory.Create(name);
        var clientValue = client.CreateClientValue();
        Assert.True(server.TryRespond(clientValue, out var serverValue, out _));

        Assert.Equal(clientLength, clientValue.Length);
        Assert.Equal(serverLength, serverValue.Length);
        Assert.False(client.UsesMPInt);
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256", 32)]
    [InlineData("sntrup761x25519-sha512", 64)]
    [InlineData("sntrup761x25519-sha512@openssh.com", 64)]
    public void Exchange_Hybrid_SecretIsStringOfHashLength(string name, int hashLength)
    {
        var secret = RunExchange(name);

        // string: uint32 length then the digest, with no mpint sign byte even when the top bit is set.
        Assert.Equal(4 + hashLength, secret.Length);
        Assert.Equal((uint)hashLength, BinaryPrimitives.ReadUInt32BigEndian(secret));
    }

    [Theory]
    [InlineData("curve25519-sha256", 32)]
    [InlineData("ecdh-sha2-nistp256", 32)]
    [InlineData("ecdh-sha2-nistp384", 48)]
    [InlineData("ecdh-sha2-nistp521", 66)]
    [InlineData("diffie-hellman-group14-sha256", 256)]
    [InlineData("diffie-hellman-group16-sha512", 512)]
    public void Exchange_ClassicMethods_SecretIsMinimalMPInt(string name, int fieldBytes)
    {
        var secret = RunExchange(name);

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(secret);
        Assert.Equal(secret.Length - 4, length);
        Assert.InRange(length, 1, fieldBytes + 1);
        var body = secret.AsSpan(4);

        // Minimal mpint: a leading zero only as a sign byte in front of a set top bit.
        Assert.True(body[0] != 0 || (body.Length > 1 && (body[1] & 0x80) != 0));
        Assert.True((body[0] & 0x80) == 0);
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256", "SHA256")]
    [InlineData("sntrup761x25519-sha512", "SHA512")]
    [InlineData("curve25519-sha256", "SHA256")]
    [InlineData("ecdh-sha2-nistp256", "SHA256")]
    [InlineData("ecdh-sha2-nistp384", "SHA384")]
    [InlineData("ecdh-sha2-nistp521", "SHA512")]
    [InlineData("diffie-hellman-group14-sha256", "SHA256")]
    [InlineData("diffie-hellman-group16-sha512", "SHA512")]
    public void Create_EachMethod_ReportsItsHash(string name, string hash)
    {
        using var kex = KeyExchangeFactory.Create(name);
        Assert.Equal(new HashAlgorithmName(hash), kex.HashAlgorithm);
        Assert.Equal(name.StartsWith("diffie-hellman", StringComparison.Ordinal), kex.UsesMPInt);
    }

    [Fact]
    public void SupportedAlgorithms_Default_IsInPreferenceOrder()
    {
        Assert.Equal(
            [
                "mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
                "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384",
                "ecdh-sha2-nistp521", "diffie-hellman-group16-sha512", "diffie-hellman-group14-sha256",
            ],
            KeyExchangeFactory.SupportedAlgorithms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("diffie-hellman-group1-sha1")]
    [InlineData("CURVE25519-SHA256")]
    public void Create_UnknownName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => KeyExchangeFactory.Create(name));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void CreateClientValue_TwoRuns_UseFreshEphemeralKeys(string name)
    {
        // CVE-2022-29245: ephemeral keys must come from a CSPRNG, so two runs never repeat.
        using var first = KeyExchangeFactory.Create(name);
        using var second = KeyExchangeFactory.Create(name);
        Assert.NotEqual(first.CreateClientValue(), second.CreateClientValue());
    }

    private static byte[] RunExchange(string name)
    {
        using var client = KeyExchangeFactory.Create(name);
        using var server = KeyExchangeFactory.Create(name);
        Assert.True(server.TryRespond(client.CreateClientValue(), out var serverValue, out var serverSecret));
        Assert.True(client.TryComplete(serverValue, out var clientSecret));
        Assert.Equal(serverSecret, clientSecret);
        return serverSecret;
    }
}
