using System.Security.Cryptography;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Observability;

/// <summary>
/// <c>--metrics-per-tunnel</c> on the built warren: bytes and visitors of a tunnel under its own
/// <c>tunnel</c> label, tunnels beyond <c>--metrics-per-tunnel-limit</c> as <c>tunnel="other"</c>,
/// and the text still passes <c>promtool check metrics</c>.
/// </summary>
public sealed class PerTunnelMetricsTests
{
    private const int Length = 64 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PerTunnel_TwoTunnelsWithALimitOfOne_FirstHasItsLabelSecondCountsAsOther()
    {
        using var warren = await WarrenProcess.StartAsync(["--anonymous", "--metrics-per-tunnel", "--metrics-per-tunnel-limit", "1"]);
        using var client = await OpenSshClient.CreateAsync();
        using var service = new TcpEchoServer();
        var (first, second) = ("p" + Guid.NewGuid().ToString("N")[..12], "q" + Guid.NewGuid().ToString("N")[..12]);
        var (firstPort, secondPort) = (FreePort.Get(), FreePort.Get());
        using var ssh = client.StartBackground(
            warren.Port,
            ["ExitOnForwardFailure=yes"],
            [
                "-N",
                "-R", $"{first}:5432:127.0.0.1:{service.Port}", "-L", $"127.0.0.1:{firstPort}:{first}:5432",
                "-R", $"{second}:5432:127.0.0.1:{service.Port}", "-L", $"127.0.0.1:{secondPort}:{second}:5432",
            ]);
        await WaitFor.ConditionAsync(
            () => ssh.Output.ToString().Split("remote forward success").Length == 3 && ssh.Output.Contains($"Local connections to 127.0.0.1:{secondPort} forwarded"),
            Timeout,
            $"both forwards. ssh:\n{ssh.Output}");

        // One visitor each, the first tunnel first, so it takes the one labelled slot.
        foreach (var port in new[] { firstPort, secondPort })
        {
            var (sent, received) = await EchoRoundTrip.RunAsync(port, Length, Timeout);
            Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received));
        }

        var scrape = await MetricsScrape.GetAsync(warren.MetricsPort);
        foreach (var tunnel in new[] { first, "other" })
        {
            Assert.Equal(1, scrape.Sum("warren_tunnel_visitors_total", $"tunnel=\"{tunnel}\""));
            foreach (var direction in new[] { "in", "out" })
            {
                var moved = scrape.Sum("warren_tunnel_relayed_bytes_total", $"tunnel=\"{tunnel}\"", $"direction=\"{direction}\"");
                Assert.True(moved >= Length, $"tunnel {tunnel}: {moved} bytes {direction}, expected at least {Length}");
            }
        }

        Assert.DoesNotContain($"tunnel=\"{second}\"", scrape.Text, StringComparison.Ordinal);
        var promtool = await Promtool.CheckMetricsAsync(scrape.Text);
        Assert.True(promtool.ExitCode == 0, promtool.ToString());
    }
}
