using System.Runtime.InteropServices;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>Owns one OpenSSL EVP_CIPHER_CTX; freed exactly once, by Dispose or the finalizer.</summary>
internal sealed class SafeEvpCipherContextHandle : SafeHandle
{
    public SafeEvpCipherContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        // EVP_CIPHER_CTX_free clears the key schedule before freeing (OpenSSL evp_enc.c).
        LibCrypto.EVP_CIPHER_CTX_free(handle);
        return true;
    }
}
