using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary>What the relay-TLS tests do on a cluster: carry bytes across a link, or try to and be refused.</summary>
internal static class RelayTlsVisits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A tunnel published on <paramref name="home"/> read whole through <paramref name="through"/>
    /// with <c>ssh -W</c>; asserts every byte arrived (SHA-256) and that both ends logged the link as TLS 1.3.
    /// </summary>
    public static async Task AssertBytesCrossOverTlsAsync(WarrenCluster nodes, int home, int through)
    {
        using var service = new PatternServer(16L * 1024 * 1024);
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(client, nodes[home], $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");

        var (length, hash, exitCode, stderr) = await StdioForward.ReadAllAsync(client, nodes[through], $"{name}:7000", TimeSpan.FromMinutes(2));

        Assert.True(length == service.Length, $"{length} of {service.Length} bytes arrived; ssh exited {exitCode}:\n{stderr}\nnode {through}:\n{nodes[through].Output}");
        Assert.Equal(service.ExpectedHash, hash);

        // The node's own words: "relay link up link=... peer=... (dialed, tls=Tls13 cipher=...)".
        await nodes[through].Output.WaitForTextAsync($"peer=127.0.0.{home}:{nodes.RelayPort(home)} (dialed, tls=Tls13 ", Timeout);
        await nodes[home].Output.WaitForTextAsync("(accepted, tls=Tls13 ", Timeout);
    }

    /// <summary>
    /// A visit through <paramref name="through"/> to a tunnel on <paramref name="home"/> whose
    /// relay link cannot be formed: ssh gets a channel-open failure that says so.
    /// </summary>
    public static async Task AssertVisitRefusedAsync(WarrenCluster nodes, int home, int through)
    {
        using var service = new TcpEchoServer("hello\n");
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(client, nodes[home], $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");

        var result = await client.RunAsync(nodes[through].Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout, host: nodes[through].Host);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("open failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no relay link to the tunnel's node", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", result.Stdout, StringComparison.Ordinal);
    }
}
