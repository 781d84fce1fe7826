using System.Buffers.Binary;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// ChaCha20 from libcrypto (AVX-512/AVX2 assembly where the CPU has it). One EVP_CIPHER_CTX holds
/// the key schedule for the instance's lifetime; <see cref="Reset(ulong)"/> only reloads the IV.
/// </summary>
internal sealed unsafe class OpenSslChaCha20 : IChaCha20
{
    private const int KeySize = 32;
    private const int IvSize = 16;

    private readonly SafeEvpCipherContextHandle _context;

    public OpenSslChaCha20(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("A ChaCha20 key is 32 bytes.", nameof(key));
        }

        _context = LibCrypto.EVP_CIPHER_CTX_new();
        if (_context.IsInvalid)
        {
            _context.Dispose();
            throw new System.Security.Cryptography.CryptographicException("EVP_CIPHER_CTX_new returned null.");
        }

        Span<byte> iv = stackalloc byte[IvSize];
        iv.Clear();
        fixed (byte* keyPointer = key)
        fixed (byte* ivPointer = iv)
        {
            LibCrypto.Check(
                LibCrypto.EVP_EncryptInit_ex(_context, LibCrypto.ChaCha20, IntPtr.Zero, keyPointer, ivPointer),
                "EVP_EncryptInit_ex");
        }
    }

    public void Reset(ulong nonce) => Reset(nonce, 0);

    /// <summary>Restarts the keystream at block <paramref name="counter"/>.</summary>
    public void Reset(ulong nonce, ulong counter)
    {
        // OpenSSL reads its 16-byte IV as four little-endian words into state words 12..15
        // (providers/implementations/ciphers/cipher_chacha20_hw.c, chacha20_initiv) and carries
        // word 12 into word 13. So LE64(counter) || BE64(seqnr) is exactly the original 64/64
        // layout of PROTOCOL.chacha20poly1305, not the RFC 8439 32/96 one.
        Span<byte> iv = stackalloc byte[IvSize];
        BinaryPrimitives.WriteUInt64LittleEndian(iv, counter);
        BinaryPrimitives.WriteUInt64BigEndian(iv[8..], nonce);
        fixed (byte* ivPointer = iv)
        {
            // A null cipher and key keep the context's cipher and key schedule; only the IV changes.
            LibCrypto.Check(
                LibCrypto.EVP_EncryptInit_ex(_context, IntPtr.Zero, IntPtr.Zero, null, ivPointer),
                "EVP_EncryptInit_ex");
        }
    }

    public void Process(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output is shorter than the input.", nameof(output));
        }

        if (input.IsEmpty)
        {
            return;
        }

        fixed (byte* inputPointer = input)
        fixed (byte* outputPointer = output)
        {
            int written;
            LibCrypto.Check(
                LibCrypto.EVP_EncryptUpdate(_context, outputPointer, &written, inputPointer, input.Length),
                "EVP_EncryptUpdate");
        }
    }

    public void Dispose() => _context.Dispose();
}
