using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>AES-CTR (RFC 4344) with HMAC-SHA2 (RFC 6668) and the encrypt-then-MAC variants (PROTOCOL §1.5).</summary>
public sealed class AesCtrHmacCipherTests
{
    [Fact]
    public void AesCtrKeystream_Sp80038aF51_MatchesCiphertext()
    {
        // NIST SP 800-38A F.5.1 CTR-AES128.Encrypt; the counter crosses ...feff -> ...ff00.
        using var ctr = new AesCtrKeystream(
            Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c"),
            Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"));
        byte[] data = Convert.FromHexString(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

        ctr.Transform(data, data);

        Assert.Equal(
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff" +
            "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
            Convert.ToHexStringLower(data));
    }

    [Theory]
    [InlineData(16, "000102030405060708090a0b0c0d0e0f")]
    [InlineData(32, "000102030405060708090a0b0c0d0e0f")]
    [InlineData(16, "ffffffffffffffffffffffffffffffff")]
    [InlineData(32, "fffffffffffffffffffffffffffffff0")]
    [InlineData(16, "0000000000000000ffffffffffffffff")]
    public void AesCtrKeystream_ManyChunks_MatchesBouncyCastleSic(int keySize, string iv)
    {
        var random = new Random(keySize);
        byte[] key = CipherTestPackets.Bytes(random, keySize);
        byte[] data = CipherTestPackets.Bytes(random, 3 * 4096 + 16 * 7);
        byte[] expected = ReferenceCtr(key, Convert.FromHexString(iv), data);
        using var ctr = new AesCtrKeystream(key, Convert.FromHexString(iv));

        // Uneven, block-aligned pieces, as packets of different sizes would take.
        byte[] actual = (byte[])data.Clone();
        int offset = 0;
        foreach (int piece in new[] { 16, 48, 4000, 32, 5008, 16 })
        {
            ctr.Transform(actual.AsSpan(offset, piece), actual.AsSpan(offset, piece));
            offset += piece;
        }

        ctr.Transform(actual.AsSpan(offset), actual.AsSpan(offset));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("aes128-ctr", "hmac-sha2-256")]
    [InlineData("aes256-ctr", "hmac-sha2-512")]
    [InlineData("aes128-ctr", "hmac-sha2-256-etm@openssh.com")]
    [InlineData("aes256-ctr", "hmac-sha2-512-etm@openssh.com")]
    public void AesCtrHmac_SeveralPackets_MatchesReferenceStreamAndMac(string cipherName, string macName)
    {
        var random = new Random(cipherName.Length * 31 + macName.Length);
        byte[] key = CipherTestPackets.Bytes(random, PacketCipherFactory.KeySize(cipherName));
        byte[] iv = Convert.FromHexString("fffffffffffffffffffffffffffffffd");
        byte[] macKey = CipherTestPackets.Bytes(random, PacketCipherFactory.MacKeySize(macName));
        bool etm = macName.EndsWith("-etm@openssh.com", StringComparison.Ordinal);
        using IPacketCipher sender = PacketCipherFactory.Create(cipherName, macName, key, iv, macKey);
        using IPacketCipher receiver = PacketCipherFactory.Create(cipherName, macName, key, iv, macKey);

        var packets = new List<byte[]>();
        var wires = new List<byte[]>();
        for (uint sequenceNumber = 0; sequenceNumber < 6; sequenceNumber++)
        {
            byte[] clear = CipherTestPackets.Create(sender, random.Next(0, 6000), random);
            (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, sequenceNumber, clear);
            Assert.Equal(ReferenceMac(macName, macKey, sequenceNumber, etm ? wire : clear), tag);
            packets.Add(clear);
            wires.Add((byte[])wire.Clone());

            Assert.True(CipherTestPackets.TryReceive(receiver, sequenceNumber, wire, tag, out uint length));
            Assert.Equal((uint)(clear.Length - 4), length);
            Assert.Equal(clear, wire);
        }

        // The counter runs on across packets (RFC 4344 §4): the encrypted parts form one CTR stream.
        int skip = etm ? 4 : 0;
        byte[] stream = packets.SelectMany(p => p.Skip(skip)).ToArray();
        byte[] expected = ReferenceCtr(key, iv, stream);
        Assert.Equal(expected, wires.SelectMany(w => w.Skip(skip)).ToArray());
    }

    [Fact]
    public void AesCtrHmac_EncryptAndMac_LengthPrefixIsOneBlockDecryptedInPlace()
    {
        var random = new Random(9);
        using IPacketCipher sender = PacketCipherFactory.Create(
            "aes128-ctr", "hmac-sha2-256", CipherTestPackets.Bytes(random, 16), new byte[16], new byte[32]);
        using IPacketCipher receiver = PacketCipherFactory.Create(
            "aes128-ctr", "hmac-sha2-256", CipherTestPackets.Bytes(new Random(9), 16), new byte[16], new byte[32]);
        byte[] clear = CipherTestPackets.Create(sender, 20, random);
        (byte[] wire, _) = CipherTestPackets.Encrypt(sender, 0, clear);

        uint length = receiver.DecryptLength(0, wire.AsSpan(0, receiver.LengthPrefixSize));

        Assert.Equal(16, receiver.LengthPrefixSize);
        Assert.False(receiver.LengthExcludedFromPadding);
        Assert.Equal((uint)(clear.Length - 4), length);
        Assert.Equal(clear.AsSpan(0, 16).ToArray(), wire.AsSpan(0, 16).ToArray());
    }

    private static byte[] ReferenceCtr(byte[] key, byte[] iv, byte[] data)
    {
        var sic = new SicBlockCipher(new AesEngine());
        sic.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        var output = new byte[data.Length];
        for (int offset = 0; offset < data.Length; offset += 16)
        {
            sic.ProcessBlock(data, offset, output, offset);
        }

        return output;
    }

    private static byte[] ReferenceMac(string macName, byte[] macKey, uint sequenceNumber, byte[] packet)
    {
        var input = new byte[4 + packet.Length];
        BinaryPrimitives.WriteUInt32BigEndian(input, sequenceNumber);
        packet.CopyTo(input, 4);
        return macName.StartsWith("hmac-sha2-256", StringComparison.Ordinal)
            ? HMACSHA256.HashData(macKey, input)
            : HMACSHA512.HashData(macKey, input);
    }
}
