using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh.Transport;
using Xunit.Abstractions;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Connections held open before login, as a flood would hold them: 10,000 that never finish the
/// version exchange and 1,000 that finish the key exchange and never authenticate, from 100
/// loopback addresses (127.0.0.2 to 127.0.0.101) so that ephemeral ports do not cap the count.
/// The startup limits are raised so the relay really holds them all (with the defaults, sshd's
/// MaxStartups 100 and PerSourceMaxStartups 10, it would refuse all but 100 at once): what is
/// measured is what each one costs. The relay's memory stays within a generous bound and a
/// real OpenSSH client still logs in. No timing is asserted.
/// </summary>
public sealed class PreAuthenticationFloodTests(ITestOutputHelper output)
{
    private const int Silent = 10_000;
    private const int KeyExchanged = 1_000;
    private const int Sources = 100;

    // Generous on purpose: a correctness bound, not a benchmark (measured: see THREATS.md).
    private const long MaxBytesPerConnection = 64 * 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Flood_TenThousandSilentAndThousandUnauthenticated_MemoryBoundedAndOpenSshStillLogsIn()
    {
        using var warren = await WarrenProcess.StartAsync(
        [
            "--anonymous", "--per-source-penalties", "no", "--login-grace-time", "600",
            "--max-startups", "20000", "--per-source-max-startups", "1000",
        ]);
        using var legitimate = await OpenSshClient.CreateAsync();
        await AssertLogsInAsync(legitimate, warren.Port);
        var before = ProcessMemory.Pss(warren.ProcessId);

        var sockets = new List<Socket>();
        var clients = new List<SshTransport>();
        try
        {
            await OpenSilentAsync(warren.Port, sockets);
            await OpenKeyExchangedAsync(warren.Port, clients);
            await WaitFor.ConditionAsync(
                async _ => (await MetricsScrape.GetAsync(warren.MetricsPort)).Sum("warren_ssh_connections_active") >= Silent + KeyExchanged,
                Timeout,
                $"the relay to hold {Silent + KeyExchanged} connections");

            var growth = ProcessMemory.Pss(warren.ProcessId) - before;
            output.WriteLine($"PSS grew by {ProcessMemory.Megabytes(growth)} for {Silent + KeyExchanged} connections: {growth / (Silent + KeyExchanged)} bytes each");
            Assert.True(
                growth < MaxBytesPerConnection * (Silent + KeyExchanged),
                $"the relay grew by {ProcessMemory.Megabytes(growth)} holding {Silent + KeyExchanged} connections before login");

            await AssertLogsInAsync(legitimate, warren.Port);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task AssertLogsInAsync(OpenSshClient client, int port)
    {
        var result = await client.RunAsync(port, command: "status", timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task OpenSilentAsync(int port, List<Socket> sockets)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var connecting = new SemaphoreSlim(200);
        var opened = await Task.WhenAll(Enumerable.Range(0, Silent).Select(async i =>
        {
            await connecting.WaitAsync(cancel.Token);
            try
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Source(i), 0));
                await socket.ConnectAsync(IPAddress.Loopback, port, cancel.Token);

                // Half say nothing at all; half start a version line and never end it.
                if (i % 2 == 1)
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-"), cancel.Token);
                }

                return socket;
            }
            finally
            {
                connecting.Release();
            }
        }));
        sockets.AddRange(opened);
    }

    private static async Task OpenKeyExchangedAsync(int port, List<SshTransport> clients)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var connecting = new SemaphoreSlim(16);
        var settings = new SshTransportSettings { KexAlgorithms = ["curve25519-sha256"] };
        var opened = await Task.WhenAll(Enumerable.Range(0, KeyExchanged).Select(async i =>
        {
            await connecting.WaitAsync(cancel.Token);
            try
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Source(i), 0));
                await socket.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
                return await SshTransport.ConnectAsync(new NetworkStream(socket, ownsSocket: true), settings, _ => true, cancel.Token);
            }
            finally
            {
                connecting.Release();
            }
        }));
        clients.AddRange(opened);
    }

    private static IPAddress Source(int i) => IPAddress.Parse("127.0.0." + (2 + (i % Sources)).ToString(CultureInfo.InvariantCulture));
}
