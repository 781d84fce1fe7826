using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// aes128-gcm@openssh.com and aes256-gcm@openssh.com (RFC 5647 as changed by OpenSSH PROTOCOL §1.6):
/// packet_length is sent in clear as the additional authenticated data, the rest is encrypted, and
/// the 12-byte nonce is a 4-byte fixed field followed by a 64-bit invocation counter.
/// </summary>
internal sealed class AesGcmCipher : IPacketCipher
{
    /// <summary>Bytes of IV the kex derives: fixed field (4) || invocation counter (8), RFC 5647 §7.1.</summary>
    public const int IvSize = 12;

    private const int LengthSize = 4;
    private const int GcmTagSize = 16;
    private const int FixedFieldSize = 4;

    private readonly AesGcm _aesGcm;

    // Bytes 0..3 hold the fixed field for the key's lifetime; bytes 4..11 are rewritten per packet.
    private readonly byte[] _nonce = new byte[IvSize];
    private ulong _invocationCounter;

    public AesGcmCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        if (key.Length is not (16 or 32))
        {
            throw new ArgumentException("An AES-GCM key is 16 or 32 bytes.", nameof(key));
        }

        if (iv.Length != IvSize)
        {
            throw new ArgumentException("An AES-GCM IV is 12 bytes.", nameof(iv));
        }

        _aesGcm = new AesGcm(key, GcmTagSize);
        iv[..FixedFieldSize].CopyTo(_nonce);
        _invocationCounter = BinaryPrimitives.ReadUInt64BigEndian(iv[FixedFieldSize..]);
    }

    // RFC 5647 §7.2: the AES block size; with the length outside the padding (PROTOCOL §1.6).
    public int BlockSize => 16;

    public int TagSize => GcmTagSize;

    public bool LengthExcludedFromPadding => true;

    public int LengthPrefixSize => LengthSize;

    public void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
        CheckPacket(packet);
        Span<byte> body = packet[LengthSize..];
        _aesGcm.Encrypt(NextNonce(), body, body, tag, packet[..LengthSize]);
    }

    public uint DecryptLength(uint sequenceNumber, Span<byte> prefix) =>
        BinaryPrimitives.ReadUInt32BigEndian(prefix);

    public bool TryDecrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        CheckPacket(packet);
        Span<byte> body = packet[LengthSize..];
        try
        {
            _aesGcm.Decrypt(NextNonce(), body, tag, body, packet[..LengthSize]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm has no Try form. A forged packet ends the connection, so this throws at most
            // once per connection, not once per hostile packet.
            return false;
        }
    }

    public void Dispose() => _aesGcm.Dispose();

    private static void CheckPacket(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < LengthSize)
        {
            throw new ArgumentException("The packet is shorter than its length field.", nameof(packet));
        }
    }

    /// <summary>
    /// Writes the nonce for this packet and advances the invocation counter modulo 2^64 without
    /// carrying into the fixed field (RFC 5647 §7.1; OpenSSH cipher.c asks OpenSSL for
    /// EVP_CTRL_GCM_IV_GEN, which increments only the last 8 bytes).
    /// </summary>
    private byte[] NextNonce()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(FixedFieldSize), _invocationCounter);
        _invocationCounter = unchecked(_invocationCounter + 1);
        return _nonce;
    }
}
