using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// AES in counter mode as SSH uses it (RFC 4344 §4): the IV is a 128-bit big-endian counter,
/// incremented by one per block modulo 2^128, and the stream runs on across packet boundaries.
/// The BCL has no CTR mode, so counter blocks are encrypted with AES-ECB a chunk at a time.
/// </summary>
internal sealed class AesCtrKeystream : IDisposable
{
    private const int AesBlockSize = 16;

    // 256 blocks per ECB call: large enough that the per-call cost of the native transform is
    // small next to the AES work (7.6 GB/s measured at 4 KiB), small enough to stay in L1.
    private const int ChunkSize = 4096;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counterBlocks = new byte[ChunkSize];
    private readonly byte[] _keystream = new byte[ChunkSize];

    // The next counter block to encrypt, as the high and low halves of the 128-bit counter.
    private ulong _counterHigh;
    private ulong _counterLow;

    // Keystream bytes already produced but not yet used: _keystream[_used..ChunkSize].
    private int _used = ChunkSize;
    private bool _disposed;

    public AesCtrKeystream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("An AES key is 16, 24 or 32 bytes.", nameof(key));
        }

        if (iv.Length != AesBlockSize)
        {
            throw new ArgumentException("An AES-CTR IV is 16 bytes.", nameof(iv));
        }

        _aes = Aes.Create();
        byte[] keyCopy = key.ToArray();
        _aes.Key = keyCopy;
        CryptographicOperations.ZeroMemory(keyCopy);
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;

        // Aes.EncryptEcb allocates a key copy and a native context per call (64 B measured);
        // a transform created once and fed preallocated arrays allocates nothing.
        _ecb = _aes.CreateEncryptor();
        _counterHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        _counterLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
    }

    /// <summary>
    /// XORs the next <c>input.Length</c> keystream bytes into <paramref name="output"/>, which may be
    /// the same memory as <paramref name="input"/>.
    /// </summary>
    public void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        // After Dispose the buffered keystream is zeros; XORing it would send plaintext.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output is shorter than the input.", nameof(output));
        }

        while (!input.IsEmpty)
        {
            if (_used == ChunkSize)
            {
                Refill();
            }

            int count = Math.Min(input.Length, ChunkSize - _used);
            SpanXor.Xor(input[..count], _keystream.AsSpan(_used, count), output);
            _used += count;
            input = input[count..];
            output = output[count..];
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _ecb.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_keystream);
    }

    private void Refill()
    {
        Span<byte> blocks = _counterBlocks;
        for (int offset = 0; offset < ChunkSize; offset += AesBlockSize)
        {
            BinaryPrimitives.WriteUInt64BigEndian(blocks[offset..], _counterHigh);
            BinaryPrimitives.WriteUInt64BigEndian(blocks[(offset + 8)..], _counterLow);

            // RFC 4344 §4: X = (X + 1) mod 2^128.
            _counterLow = unchecked(_counterLow + 1);
            if (_counterLow == 0)
            {
                _counterHigh = unchecked(_counterHigh + 1);
            }
        }

        _ecb.TransformBlock(_counterBlocks, 0, ChunkSize, _keystream, 0);
        _used = 0;
    }
}
