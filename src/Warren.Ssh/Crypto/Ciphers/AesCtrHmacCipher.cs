using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// aes128-ctr / aes256-ctr (RFC 4344 §4) with an HMAC-SHA2 MAC (RFC 6668), in one of two orders:
/// <list type="bullet">
/// <item>Encrypt-and-MAC (RFC 4253 §6.4): MAC = HMAC(key, uint32 seq || whole clear packet); the
/// whole packet, packet_length included, is encrypted, so the receiver decrypts the first block to
/// learn the length.</item>
/// <item>Encrypt-then-MAC, the *-etm@openssh.com MACs (OpenSSH PROTOCOL §1.5): packet_length stays in
/// clear, MAC = HMAC(key, uint32 seq || packet_length || ciphertext), checked before decrypting.</item>
/// </list>
/// </summary>
internal sealed class AesCtrHmacCipher : IPacketCipher
{
    /// <summary>Bytes of IV the kex derives: one AES block, the initial counter.</summary>
    public const int IvSize = 16;

    private const int LengthSize = 4;
    private const int AesBlockSize = 16;
    private const int MaxMacSize = 64;

    private readonly AesCtrKeystream _keystream;
    private readonly IncrementalHash _hmac;
    private readonly bool _encryptThenMac;
    private readonly int _macSize;

    /// <param name="key">AES key, 16 or 32 bytes.</param>
    /// <param name="iv">Initial counter block, 16 bytes.</param>
    /// <param name="hashAlgorithm">SHA256 or SHA512.</param>
    /// <param name="macKey">HMAC key, as long as the hash output (RFC 6668 §2).</param>
    /// <param name="encryptThenMac">True for the *-etm@openssh.com MACs.</param>
    public AesCtrHmacCipher(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        HashAlgorithmName hashAlgorithm,
        ReadOnlySpan<byte> macKey,
        bool encryptThenMac)
    {
        _macSize = hashAlgorithm == HashAlgorithmName.SHA256 ? 32
            : hashAlgorithm == HashAlgorithmName.SHA512 ? 64
            : throw new ArgumentException("Only HMAC-SHA2-256 and HMAC-SHA2-512 are supported.", nameof(hashAlgorithm));
        _keystream = new AesCtrKeystream(key, iv);

        // One HMAC state per instance; AppendData and TryGetHashAndReset reuse it per packet
        // without allocating.
        _hmac = IncrementalHash.CreateHMAC(hashAlgorithm, macKey);
        _encryptThenMac = encryptThenMac;
    }

    public int BlockSize => AesBlockSize;

    public int TagSize => _macSize;

    public bool LengthExcludedFromPadding => _encryptThenMac;

    // Encrypt-and-MAC must decrypt a whole AES block to read the 4 length bytes.
    public int LengthPrefixSize => _encryptThenMac ? LengthSize : AesBlockSize;

    public void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
        CheckSizes(packet.Length, tag.Length);
        if (_encryptThenMac)
        {
            _keystream.Transform(packet[LengthSize..], packet[LengthSize..]);
            ComputeMac(sequenceNumber, packet, tag);
        }
        else
        {
            ComputeMac(sequenceNumber, packet, tag);
            _keystream.Transform(packet, packet);
        }
    }

    public uint DecryptLength(uint sequenceNumber, Span<byte> prefix)
    {
        if (!_encryptThenMac)
        {
            // Advances the keystream by one block: call once per packet, then TryDecrypt.
            _keystream.Transform(prefix[..AesBlockSize], prefix[..AesBlockSize]);
        }

        return BinaryPrimitives.ReadUInt32BigEndian(prefix);
    }

    public bool TryDecrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        CheckSizes(packet.Length, tag.Length);
        Span<byte> expected = stackalloc byte[MaxMacSize];
        expected = expected[.._macSize];
        if (_encryptThenMac)
        {
            // PROTOCOL §1.5: verify before decrypting, so forged ciphertext never reaches the cipher.
            ComputeMac(sequenceNumber, packet, expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, tag))
            {
                return false;
            }

            _keystream.Transform(packet[LengthSize..], packet[LengthSize..]);
            return true;
        }

        // The first block was decrypted in place by DecryptLength.
        _keystream.Transform(packet[AesBlockSize..], packet[AesBlockSize..]);
        ComputeMac(sequenceNumber, packet, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    public void Dispose()
    {
        _keystream.Dispose();
        _hmac.Dispose();
    }

    private void CheckSizes(int packetLength, int tagLength)
    {
        int minimum = _encryptThenMac ? LengthSize : AesBlockSize;
        if (packetLength < minimum || tagLength != _macSize)
        {
            throw new ArgumentException("The packet is shorter than its length prefix, or the tag has the wrong size.");
        }
    }

    private void ComputeMac(uint sequenceNumber, ReadOnlySpan<byte> packet, Span<byte> mac)
    {
        // RFC 4253 §6.4: the implicit sequence number comes first, as a uint32.
        Span<byte> sequence = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sequence, sequenceNumber);
        _hmac.AppendData(sequence);
        _hmac.AppendData(packet);
        _hmac.TryGetHashAndReset(mac, out _);
    }
}
