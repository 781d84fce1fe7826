using System.Diagnostics;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>A node killed with kill -9: its tunnels leave routing, and their clients get them back elsewhere.</summary>
public sealed class NodeLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Failure detection (3 s pause in local.hocon) plus the split-brain resolver's stable-after
    // (7 s) plus removal: well under this on an idle machine, with room for a busy one.
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node2Killed_ItsTunnelLeavesRouting_AndTheClientGetsItsNameBackThroughNode3()
    {
        await using var nodes = await WarrenCluster.StartAsync();
        using var service = new TcpEchoServer("still here\n");
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        var forward = $"{name}:7000:127.0.0.1:{service.Port}";
        var bound = $"listen {name}:7000,";
        using (await Publisher.StartAsync(client, nodes[2], forward, bound))
        {
            var before = await VisitAsync(client, nodes[3], name);
            Assert.True(before.ExitCode == 0, before.ToString());

            await nodes.KillAsync(2);
        }

        var clock = Stopwatch.StartNew();
        await WaitFor.ConditionAsync(
            async _ => (await VisitAsync(client, nodes[3], name)).Stderr.Contains("is not a tunnel", StringComparison.Ordinal),
            RecoveryTimeout,
            $"tunnel {name} to leave routing after node 2 died");
        output.WriteLine($"routing dropped node 2's tunnel {clock.Elapsed.TotalSeconds:F1} s after kill -9");

        // The same client (same account) reconnects through node 3 and gets its name back.
        using var again = await Publisher.StartAsync(client, nodes[3], forward, bound);
        var after = await VisitAsync(client, nodes[1], name);
        output.WriteLine($"the name routed again {clock.Elapsed.TotalSeconds:F1} s after kill -9");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("still here", after.Stdout, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> VisitAsync(OpenSshClient client, WarrenProcess node, string name) =>
        client.RunAsync(node.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout, host: node.Host);
}
