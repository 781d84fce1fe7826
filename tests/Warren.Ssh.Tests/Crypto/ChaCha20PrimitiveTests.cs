using System.Text;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>
/// RFC 8439 ChaCha20 vectors, run through the original 64/64 layout by the equivalence
/// IETF(counter c, nonce n0||n1||n2) == DJB(counter c | n0 &lt;&lt; 32, nonce n1||n2), n0 read little-endian.
/// </summary>
public sealed class ChaCha20PrimitiveTests
{
    private static readonly byte[] SequentialKey = Convert.FromHexString(
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    public static TheoryData<bool> Backends()
    {
        var data = new TheoryData<bool> { false };
        if (LibCrypto.IsAvailable)
        {
            data.Add(true);
        }

        return data;
    }

    [Fact]
    public void ChaCha20_Rfc8439Section232Block_MatchesSerializedBlock()
    {
        Assert.True(LibCrypto.IsAvailable, "libcrypto 3 is expected on the Linux test machines.");

        // IETF nonce 00000009 0000004a 00000000, counter 1: word 13 = 0x09000000.
        using var chacha = new OpenSslChaCha20(SequentialKey);
        chacha.Reset(nonce: 0x0000004a_00000000UL, counter: 1UL | (0x09000000UL << 32));
        var block = new byte[64];
        chacha.Process(new byte[64], block);

        Assert.Equal(
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e" +
            "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
            Convert.ToHexStringLower(block));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ChaCha20_Rfc8439Section242Sunscreen_MatchesCiphertext(bool useLibCrypto)
    {
        byte[] plaintext = Encoding.ASCII.GetBytes(
            "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
        using IChaCha20 chacha = Create(useLibCrypto, SequentialKey);

        // IETF nonce 00000000 0000004a 00000000, counter 1: skip block 0, then encrypt.
        chacha.Reset(0x0000004a_00000000UL);
        chacha.Process(new byte[64], new byte[64]);
        var ciphertext = new byte[plaintext.Length];
        chacha.Process(plaintext, ciphertext);

        Assert.Equal(
            "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357" +
            "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736" +
            "5af90bbf74a35be6b40b8eedf2785e42874d",
            Convert.ToHexStringLower(ciphertext));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ChaCha20_Rfc8439AppendixA1Vector1_MatchesKeystream(bool useLibCrypto)
    {
        // All-zero key and nonce, counter 0: identical in both layouts.
        using IChaCha20 chacha = Create(useLibCrypto, new byte[32]);
        chacha.Reset(0);
        var block = new byte[64];
        chacha.Process(new byte[64], block);

        Assert.Equal(
            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7" +
            "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586",
            Convert.ToHexStringLower(block));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ChaCha20_SplitProcessCalls_EqualOneCall(bool useLibCrypto)
    {
        var random = new Random(7);
        byte[] key = CipherTestPackets.Bytes(random, 32);
        byte[] data = CipherTestPackets.Bytes(random, 1000);
        using IChaCha20 whole = Create(useLibCrypto, key);
        using IChaCha20 pieces = Create(useLibCrypto, key);
        whole.Reset(42);
        pieces.Reset(42);
        var expected = new byte[data.Length];
        whole.Process(data, expected);

        byte[] actual = (byte[])data.Clone();
        pieces.Process(actual.AsSpan(0, 4), actual.AsSpan(0, 4));
        pieces.Process(actual.AsSpan(4, 67), actual.AsSpan(4, 67));
        pieces.Process(actual.AsSpan(71), actual.AsSpan(71));

        Assert.Equal(expected, actual);
    }

    private static IChaCha20 Create(bool useLibCrypto, byte[] key) =>
        useLibCrypto ? new OpenSslChaCha20(key) : new BouncyCastleChaCha20(key);
}
