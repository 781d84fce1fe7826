using System.Buffers.Binary;
using Warren.Ssh.Crypto;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>Builds well-formed clear packets (RFC 4253 §6) and runs them through cipher pairs.</summary>
internal static class CipherTestPackets
{
    /// <summary>
    /// A clear packet, packet_length through padding, with random payload and padding aligned the
    /// way <paramref name="cipher"/> expects.
    /// </summary>
    public static byte[] Create(IPacketCipher cipher, int payloadLength, Random random)
    {
        int aligned = cipher.LengthExcludedFromPadding ? 1 + payloadLength : 5 + payloadLength;
        int padding = cipher.BlockSize - (aligned % cipher.BlockSize);
        if (padding < 4)
        {
            padding += cipher.BlockSize;
        }

        var packet = new byte[4 + 1 + payloadLength + padding];
        random.NextBytes(packet);
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(packet.Length - 4));
        packet[4] = (byte)padding;
        return packet;
    }

    /// <summary>Encrypts a copy of <paramref name="clear"/> and returns it with its tag.</summary>
    public static (byte[] Wire, byte[] Tag) Encrypt(IPacketCipher sender, uint sequenceNumber, byte[] clear)
    {
        byte[] wire = (byte[])clear.Clone();
        var tag = new byte[sender.TagSize];
        sender.Encrypt(sequenceNumber, wire, tag);
        return (wire, tag);
    }

    /// <summary>Receives <paramref name="wire"/> in place: DecryptLength then TryDecrypt.</summary>
    public static bool TryReceive(IPacketCipher receiver, uint sequenceNumber, byte[] wire, byte[] tag, out uint length)
    {
        length = receiver.DecryptLength(sequenceNumber, wire.AsSpan(0, receiver.LengthPrefixSize));
        return receiver.TryDecrypt(sequenceNumber, wire, tag);
    }

    /// <summary>Deterministic key material of the given size.</summary>
    public static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
