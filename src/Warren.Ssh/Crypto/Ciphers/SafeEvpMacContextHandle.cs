using System.Runtime.InteropServices;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>Owns one OpenSSL EVP_MAC_CTX; freed exactly once, by Dispose or the finalizer.</summary>
internal sealed class SafeEvpMacContextHandle : SafeHandle
{
    public SafeEvpMacContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        // The Poly1305 provider context is cleansed by its freectx (OpenSSL poly1305_prov.c).
        LibCrypto.EVP_MAC_CTX_free(handle);
        return true;
    }
}
