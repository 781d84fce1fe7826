using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>The per-packet path allocates nothing once warm (Garnet-style hot-path gate).</summary>
public sealed class PacketCipherAllocationTests
{
    public static TheoryData<string, string?> Suites() => PacketCipherRoundTripTests.Suites();

    [Theory]
    [MemberData(nameof(Suites))]
    public void PacketCipher_32KiBRoundTripAfterWarmUp_AllocatesNothing(string cipher, string? mac)
    {
        var random = new Random(4);
        byte[] key = CipherTestPackets.Bytes(random, PacketCipherFactory.KeySize(cipher));
        byte[] iv = CipherTestPackets.Bytes(random, PacketCipherFactory.IvSize(cipher));
        byte[] macKey = mac is null ? [] : CipherTestPackets.Bytes(random, PacketCipherFactory.MacKeySize(mac));
        using IPacketCipher sender = PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
        using IPacketCipher receiver = PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
        byte[] packet = CipherTestPackets.Create(sender, 32768, random);
        var tag = new byte[sender.TagSize];
        uint sequenceNumber = 0;

        for (int i = 0; i < 200; i++)
        {
            Assert.True(RoundTrip(sender, receiver, sequenceNumber++, packet, tag));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool allAccepted = true;
        for (int i = 0; i < 100; i++)
        {
            allAccepted &= RoundTrip(sender, receiver, sequenceNumber++, packet, tag);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allAccepted);
        Assert.Equal(0, allocated);
    }

    private static bool RoundTrip(IPacketCipher sender, IPacketCipher receiver, uint sequenceNumber, byte[] packet, byte[] tag)
    {
        sender.Encrypt(sequenceNumber, packet, tag);
        receiver.DecryptLength(sequenceNumber, packet.AsSpan(0, receiver.LengthPrefixSize));
        return receiver.TryDecrypt(sequenceNumber, packet, tag);
    }
}
