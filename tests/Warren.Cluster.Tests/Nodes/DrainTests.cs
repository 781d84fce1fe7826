using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>SIGTERM of one node: it tells its sessions, leaves the cluster cleanly, and the others go on.</summary>
public sealed class DrainTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Node2Terminated_ItsClientIsToldAndReconnectsThroughNode3()
    {
        await using var nodes = await WarrenCluster.StartAsync();
        using var service = new TcpEchoServer("still here\n");
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        var forward = $"{name}:7000:127.0.0.1:{service.Port}";
        var bound = $"listen {name}:7000,";
        using var publisher = await Publisher.StartAsync(client, nodes[2], forward, bound);

        var exitCode = await nodes[2].TerminateAsync(Timeout);

        Assert.True(exitCode == 0, $"warren exited {exitCode}:\n{nodes[2].Output}");
        await publisher.WaitForExitAsync(Timeout);
        Assert.Contains("shutting down", publisher.Output.ToString(), StringComparison.Ordinal);

        // A node that left (rather than died) needs no failure detection: the name routes again at once.
        using var again = await Publisher.StartAsync(client, nodes[3], forward, bound);
        var visit = await client.RunAsync(nodes[1].Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout, host: nodes[1].Host);
        Assert.True(visit.ExitCode == 0, visit.ToString());
        Assert.Contains("still here", visit.Stdout, StringComparison.Ordinal);
    }
}
