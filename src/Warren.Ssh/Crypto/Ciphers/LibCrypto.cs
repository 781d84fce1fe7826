using System.Runtime.InteropServices;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// The few OpenSSL 3 libcrypto entry points behind the chacha20-poly1305@openssh.com fast path.
/// The BCL exposes only the RFC 8439 AEAD, whose MAC input differs from OpenSSH's
/// (dotnet/runtime#45130), and BouncyCastle's managed ChaCha20 and Poly1305 run at about
/// 0.25 GB/s; libcrypto's assembly runs several times faster and is already loaded by .NET's
/// System.Security.Cryptography on Linux.
/// </summary>
internal static partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    private static readonly Lazy<Algorithms?> LoadedAlgorithms = new(Load);

    /// <summary>True when libcrypto 3 is loadable and provides ChaCha20 and Poly1305.</summary>
    public static bool IsAvailable => LoadedAlgorithms.Value is not null;

    /// <summary>The fetched EVP_CIPHER for "ChaCha20"; valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr ChaCha20 => LoadedAlgorithms.Value?.ChaCha20 ?? throw NotAvailable();

    /// <summary>The fetched EVP_MAC for "POLY1305"; valid only when <see cref="IsAvailable"/>.</summary>
    public static IntPtr Poly1305 => LoadedAlgorithms.Value?.Poly1305 ?? throw NotAvailable();

    /// <summary>Throws the exception that callers see when an OpenSSL call reports failure.</summary>
    public static void Check(int result, string function)
    {
        if (result != 1)
        {
            // Leave no stale entries on this thread's OpenSSL error queue, which the BCL's own
            // crypto shim reads when one of its calls fails.
            ERR_clear_error();
            throw new System.Security.Cryptography.CryptographicException($"libcrypto {function} failed.");
        }
    }

    private static PlatformNotSupportedException NotAvailable() => new("libcrypto 3 is not loadable here.");

    private static Algorithms? Load()
    {
        try
        {
            // Fetched once and kept for the process lifetime: an explicit fetch avoids the implicit
            // per-context fetch that EVP_chacha20() would cost (OpenSSL 3 migration guide, "Fetching").
            IntPtr chacha = EVP_CIPHER_fetch(IntPtr.Zero, "ChaCha20", IntPtr.Zero);
            IntPtr poly = EVP_MAC_fetch(IntPtr.Zero, "POLY1305", IntPtr.Zero);
            if (chacha != IntPtr.Zero && poly != IntPtr.Zero)
            {
                return new Algorithms(chacha, poly);
            }

            // A provider without them (a FIPS-only configuration, say): fall back to managed code.
            ERR_clear_error();
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (BadImageFormatException)
        {
            // A libcrypto.so.3 for another architecture on the search path.
            return null;
        }
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr EVP_CIPHER_fetch(IntPtr libraryContext, string algorithm, IntPtr properties);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr EVP_MAC_fetch(IntPtr libraryContext, string algorithm, IntPtr properties);

    [LibraryImport(Library)]
    private static partial void ERR_clear_error();

    [LibraryImport(Library)]
    internal static partial SafeEvpCipherContextHandle EVP_CIPHER_CTX_new();

    [LibraryImport(Library)]
    internal static partial void EVP_CIPHER_CTX_free(IntPtr context);

    [LibraryImport(Library)]
    internal static unsafe partial int EVP_EncryptInit_ex(
        SafeEvpCipherContextHandle context, IntPtr cipher, IntPtr engine, byte* key, byte* iv);

    [LibraryImport(Library)]
    internal static unsafe partial int EVP_EncryptUpdate(
        SafeEvpCipherContextHandle context, byte* output, int* outputLength, byte* input, int inputLength);

    [LibraryImport(Library)]
    internal static partial SafeEvpMacContextHandle EVP_MAC_CTX_new(IntPtr mac);

    [LibraryImport(Library)]
    internal static partial void EVP_MAC_CTX_free(IntPtr context);

    [LibraryImport(Library)]
    internal static unsafe partial int EVP_MAC_init(
        SafeEvpMacContextHandle context, byte* key, nuint keyLength, IntPtr parameters);

    [LibraryImport(Library)]
    internal static unsafe partial int EVP_MAC_update(SafeEvpMacContextHandle context, byte* data, nuint dataLength);

    [LibraryImport(Library)]
    internal static unsafe partial int EVP_MAC_final(
        SafeEvpMacContextHandle context, byte* output, nuint* outputLength, nuint outputSize);

    private sealed record Algorithms(IntPtr ChaCha20, IntPtr Poly1305);
}
