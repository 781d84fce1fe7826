using System.Security.Cryptography;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>
/// AES-GCM: the McGrew–Viega test cases through the BCL primitive, and the SSH nonce rule of
/// RFC 5647 §7.1 (fixed field || 64-bit invocation counter, no carry into the fixed field).
/// </summary>
public sealed class AesGcmCipherTests
{
    private const string Key128 = "feffe9928665731c6d6a8f9467308308";
    private const string Iv = "cafebabefacedbaddecaf888";
    private const string Plain64 =
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
        "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private const string Cipher128 =
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e" +
        "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";
    private const string Cipher256 =
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" +
        "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    private const string Aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

    public static TheoryData<string, string, string, string, string, string> McGrewViegaCases() => new()
    {
        // Test case 2: AES-128, zero key and IV, one zero block.
        { new string('0', 32), new string('0', 24), "", new string('0', 32), "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf" },
        // Test case 3: AES-128, 64 bytes, no AAD.
        { Key128, Iv, "", Plain64, Cipher128, "4d5c2af327cd64a62cf35abd2ba6fab4" },
        // Test case 4: AES-128, 60 bytes, 20 bytes AAD.
        { Key128, Iv, Aad, Plain64[..120], Cipher128[..120], "5bc94fbc3221a5db94fae95ae7121a47" },
        // Test case 14: AES-256, zero key and IV, one zero block.
        { new string('0', 64), new string('0', 24), "", new string('0', 32), "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919" },
        // Test case 15: AES-256, 64 bytes, no AAD.
        { Key128 + Key128, Iv, "", Plain64, Cipher256, "b094dac5d93471bdec1a502270e3cc6c" },
        // Test case 16: AES-256, 60 bytes, 20 bytes AAD.
        { Key128 + Key128, Iv, Aad, Plain64[..120], Cipher256[..120], "76fc6ece0f4e1768cddf8853bb2d551b" },
    };

    [Theory]
    [MemberData(nameof(McGrewViegaCases))]
    public void AesGcm_McGrewViegaCase_MatchesPublishedCiphertextAndTag(
        string key, string iv, string aad, string plain, string cipher, string tag)
    {
        using var aesGcm = new AesGcm(Convert.FromHexString(key), 16);
        byte[] buffer = Convert.FromHexString(plain);
        var actualTag = new byte[16];

        aesGcm.Encrypt(Convert.FromHexString(iv), buffer, buffer, actualTag, Convert.FromHexString(aad));

        Assert.Equal(cipher, Convert.ToHexStringLower(buffer));
        Assert.Equal(tag, Convert.ToHexStringLower(actualTag));
    }

    [Theory]
    [InlineData(Key128, Cipher128)]
    [InlineData(Key128 + Key128, Cipher256)]
    public void AesGcmCipher_McGrewViegaBodyWithSshIv_MatchesPublishedCiphertext(string key, string expected)
    {
        // The first packet uses the derived IV as its nonce; GCM's ciphertext does not depend on the
        // AAD, so the body must equal the published one while the tag also covers packet_length.
        using var cipher = new AesGcmCipher(Convert.FromHexString(key), Convert.FromHexString(Iv));
        byte[] packet = Convert.FromHexString("00000040" + Plain64);
        var tag = new byte[16];

        cipher.Encrypt(0, packet, tag);

        Assert.Equal("00000040" + expected, Convert.ToHexStringLower(packet));
        byte[] referenceTag = ReferenceTag(key, Iv, "00000040", Plain64);
        Assert.Equal(referenceTag, tag);
    }

    [Theory]
    [InlineData("01020304ffffffffffffffff", "010203040000000000000000", "010203040000000000000001")]
    [InlineData("0102030400000000ffffffff", "010203040000000100000000", "010203040000000100000001")]
    [InlineData("ffffffffffffffffffffffff", "ffffffff0000000000000000", "ffffffff0000000000000001")]
    public void AesGcmCipher_InvocationCounter_IncrementsWithoutTouchingFixedField(
        string iv, string secondNonce, string thirdNonce)
    {
        var random = new Random(1);
        byte[] key = CipherTestPackets.Bytes(random, 16);
        using var sender = new AesGcmCipher(key, Convert.FromHexString(iv));
        using var receiver = new AesGcmCipher(key, Convert.FromHexString(iv));
        string[] nonces = [iv, secondNonce, thirdNonce];

        for (uint sequenceNumber = 0; sequenceNumber < nonces.Length; sequenceNumber++)
        {
            byte[] clear = CipherTestPackets.Create(sender, 100, random);
            (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, sequenceNumber, clear);

            using var reference = new AesGcm(key, 16);
            byte[] body = clear[4..];
            var referenceTag = new byte[16];
            reference.Encrypt(Convert.FromHexString(nonces[sequenceNumber]), body, body, referenceTag, clear.AsSpan(0, 4));
            Assert.Equal(body, wire[4..]);
            Assert.Equal(referenceTag, tag);

            Assert.True(CipherTestPackets.TryReceive(receiver, sequenceNumber, wire, tag, out _));
            Assert.Equal(clear, wire);
        }
    }

    [Fact]
    public void AesGcmCipher_ReceiverOutOfStep_RejectsPacket()
    {
        var random = new Random(2);
        byte[] key = CipherTestPackets.Bytes(random, 32);
        byte[] iv = CipherTestPackets.Bytes(random, 12);
        using var sender = new AesGcmCipher(key, iv);
        using var receiver = new AesGcmCipher(key, iv);
        byte[] clear = CipherTestPackets.Create(sender, 40, random);
        CipherTestPackets.Encrypt(sender, 0, clear);

        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, 1, clear);

        Assert.False(CipherTestPackets.TryReceive(receiver, 1, wire, tag, out _));
    }

    private static byte[] ReferenceTag(string key, string nonce, string aad, string plain)
    {
        using var aesGcm = new AesGcm(Convert.FromHexString(key), 16);
        byte[] buffer = Convert.FromHexString(plain);
        var tag = new byte[16];
        aesGcm.Encrypt(Convert.FromHexString(nonce), buffer, buffer, tag, Convert.FromHexString(aad));
        return tag;
    }
}
