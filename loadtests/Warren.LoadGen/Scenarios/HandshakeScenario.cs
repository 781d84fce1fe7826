using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HdrHistogram;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;
using Warren.Ssh.Client;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;
using Warren.Ssh.Transport;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// <c>handshakes</c>: N concurrent loops of connect, key exchange, publickey authentication and
/// disconnect, with Warren.Ssh's client role (the same client for both servers), for a fixed time
/// against Warren and then against sshd: handshakes per second, latency p50/p99, and the server's
/// CPU per handshake. Each loop connects from its own loopback address (127.0.0.N), as many
/// clients would.
/// </summary>
internal sealed class HandshakeScenario(HandshakeOptions options)
{
    public List<string> Failures { get; } = [];

    public async Task<IReadOnlyList<HandshakeResult>> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        var key = KeyFile.Load(identity);
        var results = new List<HandshakeResult>();
        using (var warren = await WarrenUnderTest.StartAsync(directory.Path, identity + ".pub", permittedPort: 9, WarrenUnderTest.ManyStartups).ConfigureAwait(false))
        {
            results.Add(await MeasureAsync(warren, key).ConfigureAwait(false));
        }

        using (var sshd = await SshdUnderTest.StartAsync(directory.Path, identity + ".pub").ConfigureAwait(false))
        {
            results.Add(await MeasureAsync(sshd, key).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<HandshakeResult> MeasureAsync(IServerUnderTest server, IHostKey key)
    {
        // Warm-up: the first handshakes pay for JIT and for sshd's first fork; not measured.
        await LoopsAsync(server, key, TimeSpan.FromSeconds(2), new LongHistogram(TimeStamp.Minutes(1), 3)).ConfigureAwait(false);
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var cpuBefore = ProcessTree.TreeSeconds(server.ProcessId);
        var clock = Stopwatch.StartNew();
        var failed = await LoopsAsync(server, key, options.Duration, histogram).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = ProcessTree.TreeSeconds(server.ProcessId) - cpuBefore;
        var result = new HandshakeResult(server.Name, histogram.TotalCount, failed, seconds, cpu,
            histogram.GetValueAtPercentile(50) / (double)OutputScalingFactor.TimeStampToMilliseconds,
            histogram.GetValueAtPercentile(99) / (double)OutputScalingFactor.TimeStampToMilliseconds,
            LatencyPercentile.Of(histogram, OutputScalingFactor.TimeStampToMilliseconds));
        Console.Error.WriteLine($"  {server.Name,-6} {result.PerSecond,8:0.0} handshakes/s  p50 {result.P50Milliseconds:0.0} ms  p99 {result.P99Milliseconds:0.0} ms  {failed} failed");
        return result;
    }

    private async Task<long> LoopsAsync(IServerUnderTest server, IHostKey key, TimeSpan duration, LongHistogram histogram)
    {
        var deadline = DateTime.UtcNow + duration;
        var loops = new Task<long>[options.Concurrency];
        for (var i = 0; i < loops.Length; i++)
        {
            var source = new IPAddress([127, 0, (byte)(i / 250), (byte)(2 + (i % 250))]);
            loops[i] = LoopAsync(server, key, source, deadline, histogram);
        }

        long failed = 0;
        foreach (var count in await Task.WhenAll(loops).ConfigureAwait(false))
        {
            failed += count;
        }

        return failed;
    }

    private async Task<long> LoopAsync(IServerUnderTest server, IHostKey key, IPAddress source, DateTime deadline, LongHistogram histogram)
    {
        long failed = 0;
        while (DateTime.UtcNow < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await HandshakeAsync(server, key, source).ConfigureAwait(false);
                var elapsed = Stopwatch.GetTimestamp() - start;
                lock (histogram)
                {
                    histogram.RecordValue(elapsed);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidOperationException or Warren.Ssh.SshProtocolException or Warren.Ssh.SshConnectionClosedException)
            {
                failed++;
                if (failed == 1)
                {
                    lock (Failures)
                    {
                        Failures.Add($"{server.Name}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }

        return failed;
    }

    private async Task HandshakeAsync(IServerUnderTest server, IHostKey key, IPAddress source)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.SshPort), timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var transport = await SshTransport.ConnectAsync(new NetworkStream(socket, ownsSocket: true), new SshTransportSettings { KexAlgorithms = [options.KeyExchange] }, _ => true, timeout.Token).ConfigureAwait(false);
        await using var client = new SshClientSession(transport);
        await client.RequestUserAuthServiceAsync(timeout.Token).ConfigureAwait(false);
        if (await client.AuthenticatePublicKeyAsync(server.User, key, timeout.Token).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException("the server refused the key");
        }

        await transport.DisconnectAsync(Warren.Ssh.SshDisconnectReason.ByApplication, "done").ConfigureAwait(false);
    }
}

/// <summary>What the handshake scenario runs.</summary>
internal sealed record HandshakeOptions(int Concurrency, TimeSpan Duration, string KeyExchange);

/// <summary>One server's handshake figures.</summary>
internal sealed record HandshakeResult(string Server, long Completed, long Failed, double Seconds, double CpuSeconds, double P50Milliseconds, double P99Milliseconds,
    IReadOnlyList<LatencyPercentile> Distribution)
{
    public double PerSecond => Completed / Seconds;

    public double CpuMillisecondsPerHandshake => Completed == 0 ? 0 : CpuSeconds * 1000 / Completed;
}
