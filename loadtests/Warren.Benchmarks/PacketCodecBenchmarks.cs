using BenchmarkDotNet.Attributes;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Transport;

namespace Warren.Benchmarks;

/// <summary>
/// The whole packet path of the transport for one 32 KiB payload: framing, random padding,
/// encryption and MAC in place, the stream write, the stream read, the length and padding
/// checks, and decryption in place. The stream is an in-memory pipe, so sockets are not measured.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet disposes through [GlobalCleanup], not IDisposable.
public class PacketCodecBenchmarks
{
    private InMemoryPipeStream _pipe = null!;
    private PacketWriter _writer = null!;
    private PacketReader _reader = null!;

    [Params("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr+hmac-sha2-256-etm@openssh.com")]
    public string Suite { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _pipe = new InMemoryPipeStream(1 << 20);
        _writer = new PacketWriter(_pipe, 64 * 1024);
        _reader = new PacketReader(_pipe, 256 * 1024);
        _writer.SetCipher(Create());
        _reader.SetCipher(Create());
        _writer.GetPayloadSpan()[..32768].Fill(94);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _reader.Dispose();
        _pipe.Dispose();
    }

    [Benchmark]
    public async ValueTask<int> SendAndReceive32KiB()
    {
        await _writer.SendAsync(32768, CancellationToken.None).ConfigureAwait(false);
        var payload = await _reader.ReadPacketAsync(CancellationToken.None).ConfigureAwait(false);
        return payload.Length;
    }

    private IPacketCipher Create()
    {
        var parts = Suite.Split('+');
        var cipher = parts[0];
        var mac = parts.Length > 1 ? parts[1] : null;
        var key = new byte[PacketCipherFactory.KeySize(cipher)];
        var iv = new byte[PacketCipherFactory.IvSize(cipher)];
        var macKey = new byte[mac is null ? 0 : PacketCipherFactory.MacKeySize(mac)];
        new Random(1).NextBytes(key);
        return PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
    }
}
#pragma warning restore CA1001
