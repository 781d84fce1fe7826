using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// Creates the <see cref="IPacketCipher"/> for a negotiated encryption and MAC algorithm pair
/// (RFC 4253 §7.1) and tells the key exchange how much key material each needs (RFC 4253 §7.2).
/// Thread-safe; every created cipher is owned by the caller, who disposes it after the next
/// SSH_MSG_NEWKEYS replaces it.
/// </summary>
public static class PacketCipherFactory
{
    private const string ChaCha20Poly1305 = "chacha20-poly1305@openssh.com";
    private const string Aes256Gcm = "aes256-gcm@openssh.com";
    private const string Aes128Gcm = "aes128-gcm@openssh.com";
    private const string Aes256Ctr = "aes256-ctr";
    private const string Aes128Ctr = "aes128-ctr";

    private const string HmacSha256Etm = "hmac-sha2-256-etm@openssh.com";
    private const string HmacSha512Etm = "hmac-sha2-512-etm@openssh.com";
    private const string HmacSha256 = "hmac-sha2-256";
    private const string HmacSha512 = "hmac-sha2-512";

    /// <summary>
    /// Cipher names in Warren's preference order for SSH_MSG_KEXINIT: the AEAD modes first, then
    /// CTR for clients that have nothing else (OpenSSH myproposal.h orders them the same way).
    /// </summary>
    public static IReadOnlyList<string> SupportedCiphers { get; } =
        Array.AsReadOnly([ChaCha20Poly1305, Aes256Gcm, Aes128Gcm, Aes256Ctr, Aes128Ctr]);

    /// <summary>
    /// MAC names in preference order, encrypt-then-MAC first (OpenSSH PROTOCOL §1.5). Used only
    /// when the negotiated cipher is not an AEAD mode.
    /// </summary>
    public static IReadOnlyList<string> SupportedMacs { get; } =
        Array.AsReadOnly([HmacSha256Etm, HmacSha512Etm, HmacSha256, HmacSha512]);

    /// <summary>
    /// The cipher in force before the first SSH_MSG_NEWKEYS (RFC 4253 §6.3). Stateless and shared;
    /// disposing it does nothing.
    /// </summary>
    public static IPacketCipher None => NoneCipher.Instance;

    /// <summary>
    /// True when <paramref name="cipher"/> authenticates the packet itself, so the negotiated MAC
    /// is ignored and no MAC key is derived (PROTOCOL §1.6, PROTOCOL.chacha20poly1305).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="SupportedCiphers"/>.</exception>
    public static bool IsAead(string cipher) => cipher switch
    {
        ChaCha20Poly1305 or Aes256Gcm or Aes128Gcm => true,
        Aes256Ctr or Aes128Ctr => false,
        _ => throw UnknownCipher(cipher),
    };

    /// <summary>Bytes of encryption key to derive ('C'/'D' in RFC 4253 §7.2).</summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="SupportedCiphers"/>.</exception>
    public static int KeySize(string cipher) => cipher switch
    {
        ChaCha20Poly1305 => ChaCha20Poly1305OpenSshCipher.KeyMaterialSize,
        Aes256Gcm or Aes256Ctr => 32,
        Aes128Gcm or Aes128Ctr => 16,
        _ => throw UnknownCipher(cipher),
    };

    /// <summary>Bytes of IV to derive ('A'/'B' in RFC 4253 §7.2); 0 for chacha20-poly1305, which uses none.</summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="SupportedCiphers"/>.</exception>
    public static int IvSize(string cipher) => cipher switch
    {
        ChaCha20Poly1305 => 0,
        Aes256Gcm or Aes128Gcm => AesGcmCipher.IvSize,
        Aes256Ctr or Aes128Ctr => AesCtrHmacCipher.IvSize,
        _ => throw UnknownCipher(cipher),
    };

    /// <summary>Bytes of MAC key to derive ('E'/'F' in RFC 4253 §7.2): the hash length (RFC 6668 §2).</summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="SupportedMacs"/>.</exception>
    public static int MacKeySize(string mac) => mac switch
    {
        HmacSha256Etm or HmacSha256 => 32,
        HmacSha512Etm or HmacSha512 => 64,
        _ => throw UnknownMac(mac),
    };

    /// <summary>
    /// Creates the cipher for one direction of one connection. The key material is copied, so the
    /// caller may clear its arrays afterwards. Longer key, IV or MAC key spans than needed are cut
    /// to size, as RFC 4253 §7.2 takes the first bytes of the derived output.
    /// </summary>
    /// <param name="cipher">A name from <see cref="SupportedCiphers"/>.</param>
    /// <param name="mac">A name from <see cref="SupportedMacs"/>, or null when <see cref="IsAead"/> is true (ignored then).</param>
    /// <param name="key"><see cref="KeySize"/> bytes or more.</param>
    /// <param name="iv"><see cref="IvSize"/> bytes or more.</param>
    /// <param name="macKey"><see cref="MacKeySize"/> bytes or more; empty for AEAD ciphers.</param>
    /// <exception cref="ArgumentException">An unknown name, a missing MAC, or too little key material.</exception>
    public static IPacketCipher Create(
        string cipher,
        string? mac,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> macKey)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        ReadOnlySpan<byte> cipherKey = Take(key, KeySize(cipher), nameof(key));
        ReadOnlySpan<byte> cipherIv = Take(iv, IvSize(cipher), nameof(iv));
        switch (cipher)
        {
            case ChaCha20Poly1305:
                return new ChaCha20Poly1305OpenSshCipher(cipherKey);
            case Aes256Gcm or Aes128Gcm:
                return new AesGcmCipher(cipherKey, cipherIv);
        }

        if (mac is null)
        {
            throw new ArgumentException($"Cipher {cipher} needs a MAC.", nameof(mac));
        }

        (HashAlgorithmName hash, bool encryptThenMac) = mac switch
        {
            HmacSha256Etm => (HashAlgorithmName.SHA256, true),
            HmacSha512Etm => (HashAlgorithmName.SHA512, true),
            HmacSha256 => (HashAlgorithmName.SHA256, false),
            HmacSha512 => (HashAlgorithmName.SHA512, false),
            _ => throw UnknownMac(mac),
        };
        ReadOnlySpan<byte> hmacKey = Take(macKey, MacKeySize(mac), nameof(macKey));
        return new AesCtrHmacCipher(cipherKey, cipherIv, hash, hmacKey, encryptThenMac);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> material, int size, string name)
    {
        if (material.Length < size)
        {
            throw new ArgumentException($"Need {size} bytes, got {material.Length}.", name);
        }

        return material[..size];
    }

    private static ArgumentException UnknownCipher(string? name) =>
        new($"Unsupported cipher '{name}'.", nameof(name));

    private static ArgumentException UnknownMac(string? name) =>
        new($"Unsupported MAC '{name}'.", nameof(name));
}
