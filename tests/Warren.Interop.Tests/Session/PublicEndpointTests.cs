using System.Text.Json;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Session;

/// <summary>
/// A relay behind a load balancer (22 to its 2222, 80 to its 8080) tells people the public
/// host and ports, not the ones it listens on.
/// </summary>
public sealed class PublicEndpointTests
{
    [Fact]
    public async Task PublicHostAndPorts_SessionTexts_PrintThemInsteadOfTheListeners()
    {
        using var relay = await WarrenProcess.StartAsync(
            ["--anonymous", "--domain", "tunnels.example.test", "--public-ssh-host", "ssh.example.test", "--public-ssh-port", "22", "--public-http-port", "80"]);
        using var client = await OpenSshClient.CreateAsync();
        var name = "pub" + Guid.NewGuid().ToString("N")[..8];
        using var publisher = await TunnelPublisher.PublishAsync(client, relay.Port, [$"{name}:80:127.0.0.1:9"]);

        var tunnels = await client.RunAsync(relay.Port, command: "tunnels --json");
        var greeting = await client.RunAsync(relay.Port, extraArgs: ["-T"], command: null);

        Assert.True(tunnels.ExitCode == 0, tunnels.ToString());
        using var json = JsonDocument.Parse(tunnels.Stdout);
        var address = json.RootElement.GetProperty("tunnels")[0].GetProperty("addresses")[0].GetProperty("value").GetString();
        Assert.Equal($"http://{name}.tunnels.example.test/", address);
        Assert.Contains("ssh.example.test", greeting.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("-p ", greeting.Stdout, StringComparison.Ordinal);
    }
}
