using System.Diagnostics;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// A node leaves: killed with kill -9 (its tunnels leave routing once the cluster downs it) or
/// stopped with SIGTERM (it tells its clients and leaves cleanly). Either way the client gets
/// its name back through another node. Each test runs its own three nodes.
/// </summary>
public sealed class NodeDepartureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Failure detection (3 s pause in local.hocon) plus the split-brain resolver's stable-after
    // (7 s) plus removal: well under this on an idle machine, with room for a busy one.
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node2Killed_ItsTunnelLeavesRouting_AndTheClientGetsItsNameBackThroughNode3()
    {
        await using var scene = await Scene.StartAsync();
        using (await scene.PublishAsync(node: 2))
        {
            var before = await scene.VisitAsync(node: 3);
            Assert.True(before.ExitCode == 0, before.ToString());

            await scene.Nodes.KillAsync(2);
        }

        var clock = Stopwatch.StartNew();
        await WaitFor.ConditionAsync(
            async _ => (await scene.VisitAsync(node: 3)).Stderr.Contains("is not a tunnel", StringComparison.Ordinal),
            RecoveryTimeout,
            $"tunnel {scene.Name} to leave routing after node 2 died");
        output.WriteLine($"routing dropped node 2's tunnel {clock.Elapsed.TotalSeconds:F1} s after kill -9");

        // The same client (same account) reconnects through node 3 and gets its name back.
        using var again = await scene.PublishAsync(node: 3);
        var after = await scene.VisitAsync(node: 1);
        output.WriteLine($"the name routed again {clock.Elapsed.TotalSeconds:F1} s after kill -9");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains(Scene.Greeting, after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node2Killed_ClientBackThroughNode3AtOnce_EveryVisitAfterTheFirstRoutes()
    {
        await using var scene = await Scene.StartAsync();
        using (await scene.PublishAsync(node: 2))
        {
            Assert.True((await scene.VisitAsync(node: 1)).ExitCode == 0);
            await scene.Nodes.KillAsync(2);
        }

        // Back at once (as autossh: ssh again a second after it exits), before the cluster has
        // downed node 2: the name's pool may hold the dead backend and the new one, and visits
        // must go to the live one only.
        var clock = Stopwatch.StartNew();
        await using var again = new ReconnectingPublisher(scene.Client, scene.Nodes, firstNode: 3, $"{scene.Name}:7000:127.0.0.1:{scene.ServicePort}");
        await WaitFor.ConditionAsync(async _ => (await scene.VisitAsync(node: 1)).ExitCode == 0, RecoveryTimeout, $"tunnel {scene.Name} to route again");
        output.WriteLine($"first visit routed {clock.Elapsed.TotalSeconds:F1} s after kill -9");
        for (var i = 0; i < 6; i++)
        {
            var visit = await scene.VisitAsync(node: 1);
            Assert.True(visit.ExitCode == 0, $"visit {i + 1} after the first routed one failed: {visit}");
        }
    }

    [Fact]
    public async Task Node2Killed_ASurvivorDownsItWithoutWaitingForTheResolver_BecauseItsRelayPortRefuses()
    {
        await using var scene = await Scene.StartAsync();
        var node2 = scene.Nodes[2].Host;

        await scene.Nodes.KillAsync(2);

        // Event 6012 names the member and its refused relay port; the split-brain resolver
        // (stable-after in local.hocon) would have downed it much later and said so differently.
        await WaitFor.ConditionAsync(
            _ => Task.FromResult(DownedBy(scene.Nodes[1], node2) || DownedBy(scene.Nodes[3], node2)),
            RecoveryTimeout,
            $"node 1 or node 3 to down the killed node 2 ({node2}) for its refused relay port");
    }

    [Fact]
    public async Task Node2Killed_DuringATransferBetweenNodes1And3_EveryByteArrives()
    {
        await using var scene = await Scene.StartAsync();
        using var service = new PatternServer(200L * 1024 * 1024) { PauseAfter = 64L * 1024 * 1024 };
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(scene.Client, scene.Nodes[1], $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");

        // The transfer from node 1 to node 3 is under way (a third sent) when node 2 dies.
        var transfer = StdioForward.ReadAllAsync(scene.Client, scene.Nodes[3], $"{name}:7000", TimeSpan.FromMinutes(5));
        await service.Paused.WaitAsync(Timeout);
        await scene.Nodes.KillAsync(2);
        service.Resume();

        var (length, hash, exitCode, stderr) = await transfer;
        Assert.True(length == service.Length, $"{length} of {service.Length} bytes arrived; ssh exited {exitCode}:\n{stderr}");
        Assert.Equal(service.ExpectedHash, hash);
    }

    [Fact]
    public async Task Node1Killed_DuringATransferToNode3_TheLinkLossClosesTheVisitorsChannel()
    {
        await using var scene = await Scene.StartAsync();
        using var service = new PatternServer(200L * 1024 * 1024) { PauseAfter = 16L * 1024 * 1024 };
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(scene.Client, scene.Nodes[1], $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");
        var transfer = StdioForward.ReadAllAsync(scene.Client, scene.Nodes[3], $"{name}:7000", TimeSpan.FromMinutes(5));
        await service.Paused.WaitAsync(Timeout);

        // The tunnel's node dies: its relay link to node 3 breaks, and node 3 closes the visitor's
        // channel (ssh -W ends) rather than leaving it open with nothing behind it.
        await scene.Nodes.KillAsync(1);

        var (length, _, _, _) = await transfer.WaitAsync(RecoveryTimeout);
        Assert.True(length < service.Length, $"{length} bytes arrived from a service that was cut off");
        Assert.True(scene.Nodes[3].Output.Contains("relay link down"), $"node 3 did not log the link's loss:\n{scene.Nodes[3].Output}");
    }

    [Fact]
    public async Task Node2Terminated_ItsClientIsToldAndReconnectsThroughNode3()
    {
        await using var scene = await Scene.StartAsync();
        using var publisher = await scene.PublishAsync(node: 2);
        var node2 = scene.Nodes[2].Host;

        var exitCode = await scene.Nodes[2].TerminateAsync(Timeout);

        Assert.True(exitCode == 0, $"warren exited {exitCode}:\n{scene.Nodes[2].Output}");
        await publisher.WaitForExitAsync(Timeout);
        Assert.Contains("shutting down", publisher.Output.ToString(), StringComparison.Ordinal);

        // A node that left (rather than died) needs no failure detection: the name routes again at once.
        using var again = await scene.PublishAsync(node: 3);
        var visit = await scene.VisitAsync(node: 1);
        Assert.True(visit.ExitCode == 0, visit.ToString());
        Assert.Contains(Scene.Greeting, visit.Stdout, StringComparison.Ordinal);

        // It left on its own: nobody downed it, though its relay port closed on the way out.
        Assert.False(DownedBy(scene.Nodes[1], node2) || DownedBy(scene.Nodes[3], node2), scene.Nodes[1].Output + "\n" + scene.Nodes[3].Output);
    }

    private static bool DownedBy(WarrenProcess survivor, string host) =>
        survivor.Output.ToString().Split('\n').Any(line => line.Contains("downing cluster member", StringComparison.Ordinal) && line.Contains("@" + host + ":", StringComparison.Ordinal));

    /// <summary>Three nodes, a service with a greeting, one client (one account) and one tunnel name.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        public const string Greeting = "still here";

        private readonly TcpEchoServer _service = new(Greeting + "\n");

        public int ServicePort => _service.Port;

        private Scene(WarrenCluster nodes, OpenSshClient client)
        {
            Nodes = nodes;
            Client = client;
        }

        public WarrenCluster Nodes { get; }

        public OpenSshClient Client { get; }

        public string Name { get; } = Publisher.UniqueName();

        public static async Task<Scene> StartAsync() =>
            new(await WarrenCluster.StartAsync(), await OpenSshClient.CreateAsync());

        public Task<BackgroundProcess> PublishAsync(int node) =>
            Publisher.StartAsync(Client, Nodes[node], $"{Name}:7000:127.0.0.1:{_service.Port}", $"listen {Name}:7000,");

        public Task<ProcessResult> VisitAsync(int node) =>
            Client.RunAsync(Nodes[node].Port, extraArgs: ["-W", $"{Name}:7000"], command: null, timeout: Timeout, host: Nodes[node].Host);

        public async ValueTask DisposeAsync()
        {
            await Nodes.DisposeAsync();
            Client.Dispose();
            _service.Dispose();
        }
    }
}
