using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Keys;

namespace Warren.Benchmarks;

/// <summary>
/// The server's CPU cost of one key exchange per method: TryRespond on a client value made in
/// GlobalSetup, plus the ssh-ed25519 host key signature over a 64-byte exchange hash. This is
/// what an unauthenticated connection can make the server spend, so it bounds handshakes/second.
/// </summary>
[MemoryDiagnoser]
public class KeyExchangeBenchmarks
{
    private byte[] _clientValue = [];
    private byte[] _exchangeHash = [];
    private IHostKey _hostKey = null!;

    [ParamsSource(nameof(Algorithms))]
    public string Algorithm { get; set; } = "curve25519-sha256";

    public static IEnumerable<string> Algorithms() => KeyExchangeFactory.SupportedAlgorithms;

    [GlobalSetup]
    public void Setup()
    {
        using var client = KeyExchangeFactory.Create(Algorithm);
        _clientValue = client.CreateClientValue();
        _exchangeHash = RandomNumberGenerator.GetBytes(64);
        _hostKey = KeyFile.Generate("ed25519");
    }

    [Benchmark]
    public byte[] ServerKeyExchange()
    {
        using var server = KeyExchangeFactory.Create(Algorithm);
        if (!server.TryRespond(_clientValue, out _, out _))
        {
            throw new InvalidOperationException($"{Algorithm} rejected a valid client value.");
        }

        return _hostKey.Sign("ssh-ed25519", _exchangeHash);
    }
}
