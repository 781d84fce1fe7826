using System.Buffers.Binary;
using Org.BouncyCastle.Crypto.Parameters;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// The portable fallback when libcrypto 3 is not loadable (Windows, macOS): BouncyCastle's
/// ChaChaEngine is the original construction with a 64-bit nonce and 64-bit counter, at about
/// 0.25 GB/s.
/// </summary>
internal sealed class BouncyCastleChaCha20 : IChaCha20
{
    private readonly ReusableChaChaEngine _engine = new();
    private readonly byte[] _nonce = new byte[8];

    public BouncyCastleChaCha20(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("A ChaCha20 key is 32 bytes.", nameof(key));
        }

        _engine.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), _nonce));
    }

    public void Reset(ulong nonce)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_nonce, nonce);
        _engine.SetNonce(_nonce);
    }

    public void Process(ReadOnlySpan<byte> input, Span<byte> output) => _engine.ProcessBytes(input, output);

    public void Dispose() => _engine.Reset();
}
