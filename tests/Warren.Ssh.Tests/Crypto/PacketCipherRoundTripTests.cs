using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>Every cipher × MAC pair the factory offers: round trips and tamper detection.</summary>
public sealed class PacketCipherRoundTripTests
{
    public static TheoryData<string, string?> Suites()
    {
        var data = new TheoryData<string, string?>();
        foreach (string cipher in PacketCipherFactory.SupportedCiphers)
        {
            if (PacketCipherFactory.IsAead(cipher))
            {
                data.Add(cipher, null);
                continue;
            }

            foreach (string mac in PacketCipherFactory.SupportedMacs)
            {
                data.Add(cipher, mac);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void PacketCipher_EncryptThenReceive_RestoresEveryPacket(string cipher, string? mac)
    {
        var random = new Random(HashCode.Combine(cipher.Length, mac?.Length ?? 0));
        (IPacketCipher sender, IPacketCipher receiver) = CreatePair(cipher, mac, random);
        using (sender)
        using (receiver)
        {
            foreach (int payloadLength in new[] { 0, 1, 15, 16, 100, 1000, 32768, 7 })
            {
                uint sequenceNumber = (uint)payloadLength * 7919;
                byte[] clear = CipherTestPackets.Create(sender, payloadLength, random);
                Assert.Equal(0, (sender.LengthExcludedFromPadding ? clear.Length - 4 : clear.Length) % sender.BlockSize);

                (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, sequenceNumber, clear);
                Assert.NotEqual(clear.AsSpan(5).ToArray(), wire.AsSpan(5).ToArray());

                Assert.True(CipherTestPackets.TryReceive(receiver, sequenceNumber, wire, tag, out uint length));
                Assert.Equal((uint)(clear.Length - 4), length);
                Assert.Equal(clear, wire);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void PacketCipher_FlippedBit_FailsTryDecrypt(string cipher, string? mac)
    {
        var random = new Random(HashCode.Combine(cipher.Length, mac?.Length ?? 0, 1));
        byte[] key = CipherTestPackets.Bytes(random, PacketCipherFactory.KeySize(cipher));
        byte[] iv = CipherTestPackets.Bytes(random, PacketCipherFactory.IvSize(cipher));
        byte[] macKey = mac is null ? [] : CipherTestPackets.Bytes(random, PacketCipherFactory.MacKeySize(mac));
        using IPacketCipher sender = PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
        byte[] clear = CipherTestPackets.Create(sender, 60, random);
        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, 5, clear);

        // Positions in the length, padding_length, payload, padding, and the tag.
        int total = wire.Length + tag.Length;
        foreach (int position in new[] { 0, 3, 4, 10, wire.Length - 1, wire.Length, total - 1 })
        {
            // A fresh receiver each time: CTR state and the GCM counter advance per packet.
            using IPacketCipher receiver = PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
            byte[] tamperedWire = (byte[])wire.Clone();
            byte[] tamperedTag = (byte[])tag.Clone();
            if (position < wire.Length)
            {
                tamperedWire[position] ^= 0x10;
            }
            else
            {
                tamperedTag[position - wire.Length] ^= 0x01;
            }

            Assert.False(
                CipherTestPackets.TryReceive(receiver, 5, tamperedWire, tamperedTag, out _),
                $"A flipped bit at {position} went unnoticed.");
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void PacketCipher_WrongSequenceNumber_FailsTryDecrypt(string cipher, string? mac)
    {
        var random = new Random(21);
        (IPacketCipher sender, IPacketCipher receiver) = CreatePair(cipher, mac, random);
        using (sender)
        using (receiver)
        {
            byte[] clear = CipherTestPackets.Create(sender, 60, random);
            (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, 5, clear);

            // AES-GCM ignores the sequence number by design (its nonce counts packets itself),
            // so a receiver on the right packet but told the wrong number still accepts.
            bool accepted = CipherTestPackets.TryReceive(receiver, 6, wire, tag, out _);
            Assert.Equal(cipher.Contains("gcm", StringComparison.Ordinal), accepted);
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void PacketCipher_AfterDispose_ThrowsInsteadOfSendingClearText(string cipher, string? mac)
    {
        var random = new Random(22);
        (IPacketCipher sender, IPacketCipher receiver) = CreatePair(cipher, mac, random);
        byte[] clear = CipherTestPackets.Create(sender, 60, random);
        CipherTestPackets.Encrypt(sender, 0, clear);
        sender.Dispose();
        receiver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => CipherTestPackets.Encrypt(sender, 1, clear));
        Assert.Throws<ObjectDisposedException>(
            () => CipherTestPackets.TryReceive(receiver, 0, (byte[])clear.Clone(), new byte[receiver.TagSize], out _));
    }

    private static (IPacketCipher Sender, IPacketCipher Receiver) CreatePair(string cipher, string? mac, Random random)
    {
        byte[] key = CipherTestPackets.Bytes(random, PacketCipherFactory.KeySize(cipher));
        byte[] iv = CipherTestPackets.Bytes(random, PacketCipherFactory.IvSize(cipher));
        byte[] macKey = mac is null ? [] : CipherTestPackets.Bytes(random, PacketCipherFactory.MacKeySize(mac));
        return (PacketCipherFactory.Create(cipher, mac, key, iv, macKey), PacketCipherFactory.Create(cipher, mac, key, iv, macKey));
    }
}
