using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305, draft-ietf-sshm-chacha20-poly1305).
/// Two ChaCha20 instances: K_1 (second half of the 64-byte key) encrypts only packet_length,
/// K_2 (first half) derives the Poly1305 key from block 0 and encrypts the rest from block 1.
/// The nonce of both is the sequence number as a big-endian uint64. The tag is Poly1305 over the
/// encrypted length followed by the ciphertext, with no RFC 8439 padding or length block.
/// </summary>
internal sealed class ChaCha20Poly1305OpenSshCipher : IPacketCipher
{
    /// <summary>Bytes of key material the kex derives (RFC 4253 §7.2): K_2 || K_1.</summary>
    public const int KeyMaterialSize = 64;

    private const int HalfKeySize = 32;
    private const int LengthSize = 4;
    private const int PolyKeySize = 32;
    private const int ChaChaBlockSize = 64;
    private const int Poly1305TagSize = 16;

    private readonly IChaCha20 _lengthCipher;
    private readonly IChaCha20 _payloadCipher;
    private readonly IPoly1305 _poly1305;

    // Block 0 of the K_2 keystream; its first 32 bytes are the one-time Poly1305 key. Cleared after
    // every packet. Fields, so the zero input is not re-zeroed on the stack per packet.
    private readonly byte[] _block0 = new byte[ChaChaBlockSize];
    private readonly byte[] _zeroBlock = new byte[ChaChaBlockSize];
    private bool _disposed;

    /// <summary>Uses libcrypto when loadable, else BouncyCastle.</summary>
    public ChaCha20Poly1305OpenSshCipher(ReadOnlySpan<byte> key)
        : this(key, LibCrypto.IsAvailable)
    {
    }

    /// <summary>Chooses the primitive layer explicitly, so tests cover the fallback too.</summary>
    public ChaCha20Poly1305OpenSshCipher(ReadOnlySpan<byte> key, bool useLibCrypto)
    {
        if (key.Length != KeyMaterialSize)
        {
            throw new ArgumentException("chacha20-poly1305@openssh.com needs 64 bytes of key.", nameof(key));
        }

        ReadOnlySpan<byte> payloadKey = key[..HalfKeySize];
        ReadOnlySpan<byte> lengthKey = key[HalfKeySize..];
        if (useLibCrypto)
        {
            _lengthCipher = new OpenSslChaCha20(lengthKey);
            _payloadCipher = new OpenSslChaCha20(payloadKey);
            _poly1305 = new OpenSslPoly1305();
        }
        else
        {
            _lengthCipher = new BouncyCastleChaCha20(lengthKey);
            _payloadCipher = new BouncyCastleChaCha20(payloadKey);
            _poly1305 = new BouncyCastlePoly1305();
        }
    }

    public int BlockSize => 8;

    public int TagSize => Poly1305TagSize;

    public bool LengthExcludedFromPadding => true;

    public int LengthPrefixSize => LengthSize;

    public void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
        CheckPacket(packet, tag.Length);
        _lengthCipher.Reset(sequenceNumber);
        _lengthCipher.Process(packet[..LengthSize], packet[..LengthSize]);

        StartPayload(sequenceNumber);
        _payloadCipher.Process(packet[LengthSize..], packet[LengthSize..]);
        _poly1305.Compute(_block0.AsSpan(0, PolyKeySize), packet, tag);
        CryptographicOperations.ZeroMemory(_block0);
    }

    public uint DecryptLength(uint sequenceNumber, Span<byte> prefix)
    {
        // The buffer must stay as received: the tag covers the encrypted length.
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> length = stackalloc byte[LengthSize];
        _lengthCipher.Reset(sequenceNumber);
        _lengthCipher.Process(prefix[..LengthSize], length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    public bool TryDecrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        CheckPacket(packet, tag.Length);
        Span<byte> expected = stackalloc byte[Poly1305TagSize];
        StartPayload(sequenceNumber);
        _poly1305.Compute(_block0.AsSpan(0, PolyKeySize), packet, expected);
        CryptographicOperations.ZeroMemory(_block0);

        // PROTOCOL.chacha20poly1305: check the MAC, in constant time, before decrypting anything.
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        _payloadCipher.Process(packet[LengthSize..], packet[LengthSize..]);

        // Leave the whole packet in clear, as the other modes do.
        _lengthCipher.Reset(sequenceNumber);
        _lengthCipher.Process(packet[..LengthSize], packet[..LengthSize]);
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        _lengthCipher.Dispose();
        _payloadCipher.Dispose();
        _poly1305.Dispose();
        CryptographicOperations.ZeroMemory(_block0);
    }

    private void CheckPacket(ReadOnlySpan<byte> packet, int tagLength)
    {
        // The BouncyCastle engines keep working after Dispose; a disposed cipher must not.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (packet.Length < LengthSize || tagLength != Poly1305TagSize)
        {
            throw new ArgumentException("The packet is shorter than its length field, or the tag is not 16 bytes.");
        }
    }

    /// <summary>
    /// Restarts the K_2 stream at block 0 and keeps block 0 for the Poly1305 key, which leaves the
    /// stream at block 1 where the payload starts.
    /// </summary>
    private void StartPayload(uint sequenceNumber)
    {
        _payloadCipher.Reset(sequenceNumber);
        _payloadCipher.Process(_zeroBlock, _block0);
    }
}
