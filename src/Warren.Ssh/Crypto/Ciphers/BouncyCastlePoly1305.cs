using Org.BouncyCastle.Crypto.Parameters;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>The portable Poly1305 fallback (BouncyCastle, scalar 26-bit limbs).</summary>
internal sealed class BouncyCastlePoly1305 : IPoly1305
{
    private readonly Org.BouncyCastle.Crypto.Macs.Poly1305 _mac = new();

    public void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("A Poly1305 key is 32 bytes.", nameof(key));
        }

        _mac.Init(new KeyParameter(key));
        _mac.BlockUpdate(message);
        _mac.DoFinal(tag);
    }

    public void Dispose() => _mac.Reset();
}
