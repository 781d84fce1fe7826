using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>chacha20-poly1305@openssh.com against OpenSSH's own output and an independent composition.</summary>
public sealed class ChaCha20Poly1305OpenSshCipherTests
{
    // One packet of a real OpenSSH connection (SSH_MSG_EXT_INFO), from PuTTY's cryptsuite.py
    // testChaCha20Poly1305, copied from shared/research/chacha20-poly1305-openssh-vector.txt.
    private const uint VectorSequenceNumber = 3;
    private const string VectorKey =
        "49e67c5ae596ea7f230e266538d0e373177cc8fe08ff7b642c22d736ca975655" +
        "c3fb639010fd297ca03c36b20a182ef40e1272f0c54251c175546ee00b150805";
    private const string VectorLengthPlain = "00000128";
    private const string VectorLengthEncrypted = "3ff3677b";
    private const string VectorPayloadPlain =
        "0807000000020000000f7365727665722d7369672d616c6773000000db7373682d656432353531392c736b2d7373682d" +
        "65643235353139406f70656e7373682e636f6d2c7373682d7273612c7273612d736861322d3235362c7273612d736861" +
        "322d3531322c7373682d6473732c65636473612d736861322d6e697374703235362c65636473612d736861322d6e6973" +
        "74703338342c65636473612d736861322d6e697374703532312c736b2d65636473612d736861322d6e69737470323536" +
        "406f70656e7373682e636f6d2c776562617574686e2d736b2d65636473612d736861322d6e69737470323536406f7065" +
        "6e7373682e636f6d0000001f7075626c69636b65792d686f7374626f756e64406f70656e7373682e636f6d0000000130" +
        "c34aaefcafae6fc2";
    private const string VectorPayloadEncrypted =
        "bf587eabf385b1281fa9c755d8515dfdc40cb5e993b346e722dce48b1741b4e5ce9ae075f6df0a1d2f72f94f73570125" +
        "7011630bbb0c7febd767184c0d5aa81047cbce82972129a234b8ac5fc5f2b5be9264baca6d13ff3c9813a61e1f23468f" +
        "31964b60fc3f0888a227f02c737b2d27b7ae3cd60ede17533863a5bb6bb2d60ac998ccd27e8ba56259f676ed04749fad" +
        "4114678fb871add3a40625110637947ce91459811622fd3d1fa7eb7efad4b1e897f3e860473935d3d8df0679a8b0df85" +
        "aa4124f2d9ac7207abd10719f465c9ed859d2b03bde55315b9024f660ba8d63a64e0beb81e532201df830a52cf221484" +
        "18d0c4c7da242346161d7320ac534cb5c6b6fec905ee5f424becb9f97c3afbc55ef4ba369e61bce847158f0dc5bd7227" +
        "3b8693642db36f87";
    private const string VectorTag = "09757178642dfc9f2c38ac5999e0fcfd";

    public static TheoryData<bool> Backends() => ChaCha20PrimitiveTests.Backends();

    [Theory]
    [MemberData(nameof(Backends))]
    public void ChaCha20Poly1305_OpenSshVector_MatchesPublishedCiphertext(bool useLibCrypto)
    {
        using var cipher = new ChaCha20Poly1305OpenSshCipher(Convert.FromHexString(VectorKey), useLibCrypto);
        byte[] packet = Convert.FromHexString(VectorLengthPlain + VectorPayloadPlain);
        var tag = new byte[16];

        cipher.Encrypt(VectorSequenceNumber, packet, tag);

        Assert.Equal(VectorLengthEncrypted + VectorPayloadEncrypted, Convert.ToHexStringLower(packet));
        Assert.Equal(VectorTag, Convert.ToHexStringLower(tag));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ChaCha20Poly1305_OpenSshVector_DecryptsToPublishedPlaintext(bool useLibCrypto)
    {
        using var cipher = new ChaCha20Poly1305OpenSshCipher(Convert.FromHexString(VectorKey), useLibCrypto);
        byte[] packet = Convert.FromHexString(VectorLengthEncrypted + VectorPayloadEncrypted);
        byte[] received = (byte[])packet.Clone();

        uint length = cipher.DecryptLength(VectorSequenceNumber, received.AsSpan(0, 4));
        Assert.Equal(packet, received);
        Assert.Equal(0x128u, length);

        Assert.True(cipher.TryDecrypt(VectorSequenceNumber, received, Convert.FromHexString(VectorTag)));
        Assert.Equal(VectorLengthPlain + VectorPayloadPlain, Convert.ToHexStringLower(received));
    }

    [Theory]
    [InlineData(1, 0u, 0)]
    [InlineData(2, 1u, 12)]
    [InlineData(3, 7u, 1000)]
    [InlineData(4, 0x7FFFFFFFu, 32768)]
    [InlineData(5, 0xFFFFFFFFu, 35000)]
    [InlineData(6, 0xFFFFFFFEu, 255)]
    [InlineData(7, 0x00010000u, 4093)]
    public void ChaCha20Poly1305_RandomPacket_MatchesBouncyCastleComposition(int seed, uint sequenceNumber, int payloadLength)
    {
        var random = new Random(seed);
        byte[] key = CipherTestPackets.Bytes(random, 64);
        using var cipher = new ChaCha20Poly1305OpenSshCipher(key);
        byte[] clear = CipherTestPackets.Create(cipher, payloadLength, random);

        (byte[] expectedWire, byte[] expectedTag) = ReferenceChaCha20Poly1305OpenSsh.Encrypt(key, sequenceNumber, clear);
        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(cipher, sequenceNumber, clear);

        Assert.Equal(expectedWire, wire);
        Assert.Equal(expectedTag, tag);
        Assert.True(CipherTestPackets.TryReceive(cipher, sequenceNumber, wire, tag, out uint length));
        Assert.Equal((uint)(clear.Length - 4), length);
        Assert.Equal(clear, wire);
    }

    [Fact]
    public void ChaCha20Poly1305_ManyRandomPackets_MatchBouncyCastleComposition()
    {
        var random = new Random(11);
        byte[] key = CipherTestPackets.Bytes(random, 64);
        using var cipher = new ChaCha20Poly1305OpenSshCipher(key);
        for (int i = 0; i < 200; i++)
        {
            uint sequenceNumber = (uint)random.NextInt64(0, 1L << 32);
            byte[] clear = CipherTestPackets.Create(cipher, random.Next(0, 3000), random);

            (byte[] expectedWire, byte[] expectedTag) = ReferenceChaCha20Poly1305OpenSsh.Encrypt(key, sequenceNumber, clear);
            (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(cipher, sequenceNumber, clear);

            Assert.Equal(expectedWire, wire);
            Assert.Equal(expectedTag, tag);
        }
    }

    [Fact]
    public void ChaCha20Poly1305_DecryptLength_LeavesBufferUnchanged()
    {
        var random = new Random(5);
        using var cipher = new ChaCha20Poly1305OpenSshCipher(CipherTestPackets.Bytes(random, 64));
        byte[] prefix = CipherTestPackets.Bytes(random, 4);
        byte[] before = (byte[])prefix.Clone();

        cipher.DecryptLength(9, prefix);

        Assert.Equal(before, prefix);
    }

    [Fact]
    public void ChaCha20Poly1305_KeyNot64Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChaCha20Poly1305OpenSshCipher(new byte[32]));
    }
}
