using FsCheck;
using FsCheck.Xunit;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>Generated sequence numbers, lengths and keys (FsCheck), beyond the hand-picked rows.</summary>
public sealed class PacketCipherPropertyTests
{
    [Property(MaxTest = 200)]
    public bool ChaCha20Poly1305_ArbitrarySequenceAndLength_MatchesReference(uint sequenceNumber, NonNegativeInt length, int seed)
    {
        var random = new Random(seed);
        byte[] key = CipherTestPackets.Bytes(random, 64);
        using var cipher = new ChaCha20Poly1305OpenSshCipher(key);
        byte[] clear = CipherTestPackets.Create(cipher, length.Get % 40000, random);

        (byte[] expectedWire, byte[] expectedTag) = ReferenceChaCha20Poly1305OpenSsh.Encrypt(key, sequenceNumber, clear);
        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(cipher, sequenceNumber, clear);

        return expectedWire.AsSpan().SequenceEqual(wire) && expectedTag.AsSpan().SequenceEqual(tag);
    }

    [Property(MaxTest = 100)]
    public bool PacketCipher_ArbitraryPacket_RoundTrips(PositiveInt suite, uint sequenceNumber, NonNegativeInt length, int seed)
    {
        var suites = PacketCipherRoundTripTests.Suites();
        object?[] row = suites.ElementAt(suite.Get % suites.Count);
        string cipherName = (string)row[0]!;
        string? macName = (string?)row[1];
        var random = new Random(seed);
        byte[] key = CipherTestPackets.Bytes(random, PacketCipherFactory.KeySize(cipherName));
        byte[] iv = CipherTestPackets.Bytes(random, PacketCipherFactory.IvSize(cipherName));
        byte[] macKey = macName is null ? [] : CipherTestPackets.Bytes(random, PacketCipherFactory.MacKeySize(macName));
        using IPacketCipher sender = PacketCipherFactory.Create(cipherName, macName, key, iv, macKey);
        using IPacketCipher receiver = PacketCipherFactory.Create(cipherName, macName, key, iv, macKey);
        byte[] clear = CipherTestPackets.Create(sender, length.Get % 40000, random);

        (byte[] wire, byte[] tag) = CipherTestPackets.Encrypt(sender, sequenceNumber, clear);
        bool accepted = CipherTestPackets.TryReceive(receiver, sequenceNumber, wire, tag, out uint packetLength);

        return accepted && packetLength == (uint)(clear.Length - 4) && clear.AsSpan().SequenceEqual(wire);
    }
}
