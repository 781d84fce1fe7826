using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Scale;

/// <summary>
/// Many at once through the real OpenSSH client and the built warren: hundreds of channels in
/// one session, hundreds of sessions on one node, every byte checked by SHA-256. The sizes keep
/// each test well under a minute on two cores; no timing is asserted.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // The cheapest key exchange both sides offer: the test is about sessions, not post-quantum KEX.
    private static readonly string[] CheapKex = ["KexAlgorithms=curve25519-sha256"];

    [Fact]
    public async Task OneSession_500ConcurrentChannels_AllBytesIntact()
    {
        const int Channels = 500;
        using var warren = await WarrenProcess.StartAsync(["--anonymous"]);
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var name = "svc" + Guid.NewGuid().ToString("N")[..10];
        using var publisher = await SshForwards.PublishAsync(client, warren.Port, [$"{name}:7000:127.0.0.1:{service.Port}"], [$"listen {name}:7000,"], Timeout);
        var localPort = FreePort.Get();
        using var visitor = await SshForwards.LocalForwardAsync(client, warren.Port, [(localPort, $"{name}:7000")], Timeout);

        var connections = new TcpClient[Channels];
        try
        {
            // All channels are opened (and proven open by an echo) before any closes: 500 at once.
            using var connecting = new SemaphoreSlim(64);
            await Task.WhenAll(Enumerable.Range(0, Channels).Select(async i =>
            {
                await connecting.WaitAsync(Timeout);
                try
                {
                    connections[i] = await OpenEchoingAsync(localPort);
                }
                finally
                {
                    connecting.Release();
                }
            }));

            var payloads = Enumerable.Range(0, Channels).Select(_ => RandomNumberGenerator.GetBytes(16 * 1024)).ToArray();
            var received = await Task.WhenAll(Enumerable.Range(0, Channels).Select(i => SshForwards.RoundTripAsync(connections[i], payloads[i], Timeout)));

            for (var i = 0; i < Channels; i++)
            {
                Assert.Equal(SHA256.HashData(payloads[i]), SHA256.HashData(received[i]));
            }

            Assert.False(visitor.HasExited || publisher.HasExited, "both sessions must carry every channel");
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection?.Dispose();
            }
        }
    }

    [Fact]
    public async Task OneNode_200SessionsAtOnce_EachTunnelCarriesItsBytesIntact()
    {
        const int Sessions = 200;
        using var warren = await WarrenProcess.StartAsync(
        [
            "--anonymous",
            "--max-sessions-per-account", "1000", "--max-tunnels-per-account", "1000",
            "--max-startups", "1000", "--per-source-max-startups", "1000", "--per-source-penalties", "no",
        ]);
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var prefix = "s" + Guid.NewGuid().ToString("N")[..8] + "-";
        var publishers = new BackgroundProcess?[Sessions];
        try
        {
            // One account, 200 sessions, one tunnel each, all alive at once. They connect a few
            // dozen at a time so 200 handshakes do not starve two shared cores.
            using var connecting = new SemaphoreSlim(25);
            await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async i =>
            {
                await connecting.WaitAsync(Timeout);
                try
                {
                    publishers[i] = await SshForwards.PublishAsync(
                        client, warren.Port, [$"{prefix}{i}:7000:127.0.0.1:{service.Port}"], [$"listen {prefix}{i}:7000,"], Timeout, CheapKex);
                }
                finally
                {
                    connecting.Release();
                }
            }));

            var ports = FreePort.GetMany(Sessions);
            var forwards = Enumerable.Range(0, Sessions).Select(i => (ports[i], $"{prefix}{i}:7000")).ToArray();
            using var visitor = await SshForwards.LocalForwardAsync(client, warren.Port, forwards, Timeout, CheapKex);
            var payloads = Enumerable.Range(0, Sessions).Select(_ => RandomNumberGenerator.GetBytes(32 * 1024)).ToArray();

            var received = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => SshForwards.RoundTripAsync(forwards[i].Item1, payloads[i], Timeout)));

            for (var i = 0; i < Sessions; i++)
            {
                Assert.Equal(SHA256.HashData(payloads[i]), SHA256.HashData(received[i]));
            }

            Assert.All(publishers, publisher => Assert.False(publisher!.HasExited));
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                publisher?.Dispose();
            }
        }
    }

    private static async Task<TcpClient> OpenEchoingAsync(int port)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
            var stream = tcp.GetStream();
            await stream.WriteAsync(new byte[] { 42 }).AsTask().WaitAsync(Timeout);
            var echo = new byte[1];
            await stream.ReadExactlyAsync(echo).AsTask().WaitAsync(Timeout);
            Assert.Equal(42, echo[0]);
            return tcp;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
