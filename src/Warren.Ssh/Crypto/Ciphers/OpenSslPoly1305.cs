namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// Poly1305 from libcrypto through EVP_MAC. The context is created once and re-keyed per message,
/// which the provider allows (poly1305_init with a key resets the state).
/// </summary>
internal sealed unsafe class OpenSslPoly1305 : IPoly1305
{
    private const int KeySize = 32;
    private const int TagSize = 16;

    private readonly SafeEvpMacContextHandle _context;

    public OpenSslPoly1305()
    {
        _context = LibCrypto.EVP_MAC_CTX_new(LibCrypto.Poly1305);
        if (_context.IsInvalid)
        {
            _context.Dispose();
            throw new System.Security.Cryptography.CryptographicException("EVP_MAC_CTX_new returned null.");
        }
    }

    public void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException("A Poly1305 key is 32 bytes.", nameof(key));
        }

        if (tag.Length < TagSize)
        {
            throw new ArgumentException("A Poly1305 tag is 16 bytes.", nameof(tag));
        }

        fixed (byte* keyPointer = key)
        fixed (byte* messagePointer = message)
        fixed (byte* tagPointer = tag)
        {
            nuint written;
            LibCrypto.Check(LibCrypto.EVP_MAC_init(_context, keyPointer, KeySize, IntPtr.Zero), "EVP_MAC_init");
            LibCrypto.Check(LibCrypto.EVP_MAC_update(_context, messagePointer, (nuint)message.Length), "EVP_MAC_update");
            LibCrypto.Check(LibCrypto.EVP_MAC_final(_context, tagPointer, &written, TagSize), "EVP_MAC_final");
        }
    }

    public void Dispose() => _context.Dispose();
}
