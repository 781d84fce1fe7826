using System.Diagnostics;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// A rolling restart, as an orchestrator upgrades a relay: each node in turn gets SIGTERM,
/// drains and leaves, is started again and waited for until ready, then the next. Publishers
/// reconnect as autossh does. Afterwards every name routes through every node to a live
/// backend: none is lost and none points at a session that is gone.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RollingRestart_OfAllThreeNodes_EveryTunnelRoutesAgainThroughEveryNode()
    {
        await using var nodes = await WarrenCluster.StartAsync();
        using var client = await OpenSshClient.CreateAsync();
        var services = new List<TcpEchoServer>();
        var publishers = new List<ReconnectingPublisher>();
        var names = new List<(string Name, string Greeting)>();
        try
        {
            // One tunnel first published on each node.
            for (var node = 1; node <= WarrenCluster.Size; node++)
            {
                var name = Publisher.UniqueName();
                var greeting = $"served for {name}";
                var service = new TcpEchoServer(greeting + "\n");
                services.Add(service);
                names.Add((name, greeting));
                publishers.Add(new ReconnectingPublisher(client, nodes, node, $"{name}:7000:127.0.0.1:{service.Port}"));
            }

            await WaitAllRouteAsync(nodes, client, names, "before the restart");

            var clock = Stopwatch.StartNew();
            for (var node = 1; node <= WarrenCluster.Size; node++)
            {
                var exitCode = await nodes.TerminateAsync(node, TimeSpan.FromMinutes(2));
                Assert.True(exitCode == 0, $"node {node} exited {exitCode} on SIGTERM");
                await nodes.StartNodeAsync(node);
                await nodes.WaitReadyAsync(node, WarrenCluster.StartTimeout);
                output.WriteLine($"node {node} restarted and ready at {clock.Elapsed.TotalSeconds:F1} s");
            }

            await WaitAllRouteAsync(nodes, client, names, "after the rolling restart");
            output.WriteLine($"every name routed through every node {clock.Elapsed.TotalSeconds:F1} s after the first SIGTERM; "
                + $"publisher connections: {string.Join(", ", publishers.Select(p => p.Connections))}");
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }

            services.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Every name, visited through every node, reaches its own service.</summary>
    private static async Task WaitAllRouteAsync(WarrenCluster nodes, OpenSshClient client, List<(string Name, string Greeting)> names, string when)
    {
        var failures = string.Empty;
        async Task<bool> AllRouteAsync()
        {
            var problems = new List<string>();
            foreach (var (name, greeting) in names)
            {
                for (var node = 1; node <= WarrenCluster.Size; node++)
                {
                    var visit = await client.RunAsync(nodes[node].Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout, host: nodes[node].Host);
                    if (!visit.Stdout.Contains(greeting, StringComparison.Ordinal))
                    {
                        problems.Add($"{name} through node {node}: exit {visit.ExitCode} {visit.Stderr.Trim().Split('\n').LastOrDefault()}");
                    }
                }
            }

            failures = string.Join("; ", problems);
            return problems.Count == 0;
        }

        try
        {
            await WaitFor.ConditionAsync(_ => AllRouteAsync(), RecoveryTimeout, $"every tunnel to route through every node {when}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast look: {failures}", e);
        }
    }
}
