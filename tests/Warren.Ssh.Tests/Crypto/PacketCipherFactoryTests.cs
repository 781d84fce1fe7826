using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>The names and sizes the key exchange relies on (RFC 4253 §7.2).</summary>
public sealed class PacketCipherFactoryTests
{
    [Fact]
    public void SupportedCiphers_DefaultOrder_AeadFirst()
    {
        Assert.Equal(
            ["chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr", "aes128-ctr"],
            PacketCipherFactory.SupportedCiphers);
        Assert.Equal(
            ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"],
            PacketCipherFactory.SupportedMacs);
    }

    [Theory]
    [InlineData("chacha20-poly1305@openssh.com", true, 64, 0, 8, 16)]
    [InlineData("aes256-gcm@openssh.com", true, 32, 12, 16, 16)]
    [InlineData("aes128-gcm@openssh.com", true, 16, 12, 16, 16)]
    [InlineData("aes256-ctr", false, 32, 16, 16, 32)]
    [InlineData("aes128-ctr", false, 16, 16, 16, 32)]
    public void Factory_KnownCipher_ReportsSizes(string cipher, bool aead, int keySize, int ivSize, int blockSize, int tagSize)
    {
        Assert.Equal(aead, PacketCipherFactory.IsAead(cipher));
        Assert.Equal(keySize, PacketCipherFactory.KeySize(cipher));
        Assert.Equal(ivSize, PacketCipherFactory.IvSize(cipher));

        using IPacketCipher created = PacketCipherFactory.Create(
            cipher, aead ? null : "hmac-sha2-256-etm@openssh.com", new byte[keySize], new byte[ivSize], new byte[32]);
        Assert.Equal(blockSize, created.BlockSize);
        Assert.Equal(tagSize, created.TagSize);
        Assert.True(created.LengthExcludedFromPadding);
        Assert.Equal(4, created.LengthPrefixSize);
    }

    [Theory]
    [InlineData("hmac-sha2-256-etm@openssh.com", 32)]
    [InlineData("hmac-sha2-512-etm@openssh.com", 64)]
    [InlineData("hmac-sha2-256", 32)]
    [InlineData("hmac-sha2-512", 64)]
    public void Factory_KnownMac_ReportsKeySize(string mac, int size)
    {
        Assert.Equal(size, PacketCipherFactory.MacKeySize(mac));
    }

    [Fact]
    public void Factory_UnknownNames_Throw()
    {
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.IsAead("3des-cbc"));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.KeySize("aes128-cbc"));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.IvSize("none"));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.MacKeySize("hmac-md5"));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.Create("aes128-ctr", "hmac-sha1", new byte[16], new byte[16], new byte[20]));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.Create("aes128-ctr", null, new byte[16], new byte[16], []));
    }

    [Fact]
    public void Factory_ShortKeyMaterial_Throws()
    {
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.Create("aes256-gcm@openssh.com", null, new byte[16], new byte[12], []));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.Create("aes128-gcm@openssh.com", null, new byte[16], new byte[8], []));
        Assert.Throws<ArgumentException>(() => PacketCipherFactory.Create("aes128-ctr", "hmac-sha2-512", new byte[16], new byte[16], new byte[32]));
    }

    [Fact]
    public void Factory_CallerClearsKeyAfterCreate_CipherStillWorks()
    {
        var random = new Random(8);
        byte[] key = CipherTestPackets.Bytes(random, 64);
        using IPacketCipher sender = PacketCipherFactory.Create("chacha20-poly1305@openssh.com", null, key, [], []);
        using IPacketCipher receiver = PacketCipherFactory.Create("chacha20-poly1305@openssh.com", null, key, [], []);
        Array.Clear(key);
        byte[] clear = CipherTestPackets.Create(sender, 50, random);

        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, 1, clear);
        using IPacketCipher zeroKey = PacketCipherFactory.Create("chacha20-poly1305@openssh.com", null, key, [], []);

        Assert.False(CipherTestPackets.TryReceive(zeroKey, 1, (byte[])wire.Clone(), tag, out _));
        Assert.True(CipherTestPackets.TryReceive(receiver, 1, wire, tag, out _));
    }

    [Fact]
    public void None_BeforeNewKeys_PassesPacketsThrough()
    {
        IPacketCipher none = PacketCipherFactory.None;
        byte[] clear = CipherTestPackets.Create(none, 10, new Random(1));
        byte[] wire = (byte[])clear.Clone();

        none.Encrypt(0, wire, []);

        Assert.Equal((8, 0, 4, false), (none.BlockSize, none.TagSize, none.LengthPrefixSize, none.LengthExcludedFromPadding));
        Assert.Equal(clear, wire);
        Assert.Equal((uint)(clear.Length - 4), none.DecryptLength(0, wire));
        Assert.True(none.TryDecrypt(0, wire, []));
    }
}
