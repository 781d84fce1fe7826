using System.Numerics;
using Warren.Ssh.Crypto.Kex;

namespace Warren.Ssh.Tests.Kex;

/// <summary>
/// Hostile client values (PROTOCOL-NOTES §4 KEX rows): each must make TryRespond return false
/// without throwing, so the transport can send one KEY_EXCHANGE_FAILED disconnect.
/// </summary>
public sealed class KeyExchangeNegativeTests
{
    /// <summary>Points whose X25519 product is all zero for every clamped scalar (Wycheproof x25519_test).</summary>
    public static TheoryData<string> LowOrderPoints() => new()
    {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };

    [Theory]
    [MemberData(nameof(LowOrderPoints))]
    public void Curve25519_LowOrderClientPoint_RespondFails(string point)
    {
        using var server = KeyExchangeFactory.Create("curve25519-sha256");
        Assert.False(server.TryRespond(Convert.FromHexString(point), out _, out _));
    }

    [Theory]
    [MemberData(nameof(LowOrderPoints))]
    public void Curve25519_LowOrderServerPoint_CompleteFails(string point)
    {
        using var client = KeyExchangeFactory.Create("curve25519-sha256");
        client.CreateClientValue();
        Assert.False(client.TryComplete(Convert.FromHexString(point), out _));
    }

    [Theory]
    [MemberData(nameof(LowOrderPoints))]
    public void Hybrids_LowOrderX25519Half_RespondFails(string point)
    {
        foreach (var name in new[] { "mlkem768x25519-sha256", "sntrup761x25519-sha512" })
        {
            using var client = KeyExchangeFactory.Create(name);
            using var server = KeyExchangeFactory.Create(name);
            var value = client.CreateClientValue();
            Convert.FromHexString(point).CopyTo(value, value.Length - 32);
            Assert.False(server.TryRespond(value, out _, out _));
        }
    }

    [Theory]
    [InlineData("curve25519-sha256", 0)]
    [InlineData("curve25519-sha256", 31)]
    [InlineData("curve25519-sha256", 33)]
    [InlineData("curve25519-sha256@libssh.org", 31)]
    [InlineData("mlkem768x25519-sha256", 1215)]
    [InlineData("mlkem768x25519-sha256", 1217)]
    [InlineData("mlkem768x25519-sha256", 32)]
    [InlineData("sntrup761x25519-sha512", 1189)]
    [InlineData("sntrup761x25519-sha512", 1191)]
    [InlineData("sntrup761x25519-sha512@openssh.com", 1189)]
    [InlineData("ecdh-sha2-nistp256", 64)]
    [InlineData("ecdh-sha2-nistp256", 66)]
    [InlineData("ecdh-sha2-nistp384", 96)]
    [InlineData("ecdh-sha2-nistp521", 134)]
    public void TryRespond_WrongLengthClientValue_ReturnsFalse(string name, int length)
    {
        using var server = KeyExchangeFactory.Create(name);
        var value = new byte[length];
        Random.Shared.NextBytes(value);
        if (length > 0)
        {
            value[0] = 0x04;
        }

        Assert.False(server.TryRespond(value, out var serverValue, out var secret));
        Assert.Empty(serverValue);
        Assert.Empty(secret);
    }

    [Theory]
    [InlineData("mlkem768x25519-sha256", 1119)]
    [InlineData("mlkem768x25519-sha256", 1121)]
    [InlineData("sntrup761x25519-sha512", 1070)]
    [InlineData("curve25519-sha256", 33)]
    [InlineData("ecdh-sha2-nistp256", 64)]
    public void TryComplete_WrongLengthServerValue_ReturnsFalse(string name, int length)
    {
        using var client = KeyExchangeFactory.Create(name);
        client.CreateClientValue();
        Assert.False(client.TryComplete(new byte[length], out _));
    }

    [Fact]
    public void MLKem_EncapsulationKeyFailingModulusCheck_RespondFails()
    {
        using var client = KeyExchangeFactory.Create("mlkem768x25519-sha256");
        using var server = KeyExchangeFactory.Create("mlkem768x25519-sha256");
        var value = client.CreateClientValue();

        // The first 12-bit coefficient is byte 0 plus the low nibble of byte 1; 0xFFF >= q = 3329
        // fails FIPS 203 §7.2's modulus check.
        value[0] = 0xFF;
        value[1] |= 0x0F;
        Assert.False(server.TryRespond(value, out _, out _));
    }

    [Theory]
    [InlineData("ecdh-sha2-nistp256", 65)]
    [InlineData("ecdh-sha2-nistp384", 97)]
    [InlineData("ecdh-sha2-nistp521", 133)]
    public void Ecdh_PointNotOnCurve_RespondFails(string name, int length)
    {
        using var client = KeyExchangeFactory.Create(name);
        using var server = KeyExchangeFactory.Create(name);
        var value = client.CreateClientValue();
        Assert.Equal(length, value.Length);
        value[^1] ^= 0x01;
        Assert.False(server.TryRespond(value, out _, out _));
    }

    [Theory]
    [InlineData("ecdh-sha2-nistp256")]
    [InlineData("ecdh-sha2-nistp384")]
    public void Ecdh_CompressedOrAllZeroPoint_RespondFails(string name)
    {
        using var client = KeyExchangeFactory.Create(name);
        using var server = KeyExchangeFactory.Create(name);
        var value = client.CreateClientValue();
        var compressed = (byte[])value.Clone();
        compressed[0] = 0x02;
        Assert.False(server.TryRespond(compressed, out _, out _));

        var zero = new byte[value.Length];
        zero[0] = 0x04;
        Assert.False(server.TryRespond(zero, out _, out _));
    }

    public static TheoryData<string, string> BadDiffieHellmanValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512" })
        {
            var p = name.Contains("group14", StringComparison.Ordinal) ? DiffieHellmanGroups.Group14Prime : DiffieHellmanGroups.Group16Prime;
            data.Add(name, "00");
            data.Add(name, "01");
            data.Add(name, Hex(p - 1));
            data.Add(name, Hex(p));
            data.Add(name, Hex(p + 1));
            data.Add(name, Hex(BigInteger.One << 8200));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadDiffieHellmanValues))]
    public void DiffieHellman_OutOfRangeE_RespondFails(string name, string e)
    {
        using var server = KeyExchangeFactory.Create(name);
        Assert.False(server.TryRespond(Convert.FromHexString(e), out _, out _));
    }

    [Theory]
    [InlineData("diffie-hellman-group14-sha256")]
    [InlineData("diffie-hellman-group16-sha512")]
    public void DiffieHellman_EmptyOrZeroF_CompleteFails(string name)
    {
        using var client = KeyExchangeFactory.Create(name);
        client.CreateClientValue();
        Assert.False(client.TryComplete([], out _));
        Assert.False(client.TryComplete([0, 0, 0], out _));
    }

    [Theory]
    [InlineData("diffie-hellman-group14-sha256")]
    [InlineData("diffie-hellman-group16-sha512")]
    public void DiffieHellman_SmallestAndLargestValidE_RespondSucceeds(string name)
    {
        var p = name.Contains("group14", StringComparison.Ordinal) ? DiffieHellmanGroups.Group14Prime : DiffieHellmanGroups.Group16Prime;
        using var server = KeyExchangeFactory.Create(name);
        Assert.True(server.TryRespond(Convert.FromHexString("02"), out _, out _));
        Assert.True(server.TryRespond(Convert.FromHexString(Hex(p - 2)), out _, out _));
    }

    [Theory]
    [MemberData(nameof(KeyExchangeRoundTripTests.Algorithms), MemberType = typeof(KeyExchangeRoundTripTests))]
    public void TryRespondAndComplete_RandomInput_NeverThrow(string name)
    {
        var random = new Random(name.Length);
        using var reference = KeyExchangeFactory.Create(name);
        var exact = reference.CreateClientValue().Length;
        int[] lengths = [0, 1, exact - 1, exact, exact + 1, 1088 + 32, 1039 + 32, 4096];
        for (var i = 0; i < 40; i++)
        {
            var value = new byte[Math.Max(0, lengths[i % lengths.Length])];
            random.NextBytes(value);
            using var server = KeyExchangeFactory.Create(name);
            _ = server.TryRespond(value, out _, out _);
            using var client = KeyExchangeFactory.Create(name);
            client.CreateClientValue();
            _ = client.TryComplete(value, out _);
        }
    }

    [Fact]
    public void TryComplete_BeforeCreateClientValue_ThrowsInvalidOperation()
    {
        using var client = KeyExchangeFactory.Create("curve25519-sha256");
        Assert.Throws<InvalidOperationException>(() => client.TryComplete(new byte[32], out _));
    }

    private static string Hex(BigInteger value) => Convert.ToHexString(value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
