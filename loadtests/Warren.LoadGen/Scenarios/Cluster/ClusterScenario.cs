using System.Diagnostics;
using System.Net.Sockets;
using Warren.LoadGen.Infrastructure;

namespace Warren.LoadGen.Scenarios.Cluster;

/// <summary>
/// <c>cluster</c>: three local nodes. Throughput of one tunnel (<c>ssh -R NAME:7000</c> on node 1)
/// reached through node 2 against the same tunnel reached through node 1, in the same run, each
/// with <c>ssh -L ...:NAME:7000</c> and the same checked transfers. Then failover: a tunnel on
/// node 2, node 2 killed with kill -9, its client reconnecting through node 3 after a 1 s delay
/// (and again each second while refused), and a visitor through node 1 probing the name: the time
/// from the kill until the name routes again.
/// </summary>
internal sealed class ClusterScenario(ClusterOptions options)
{
    private const string Cipher = "aes128-gcm@openssh.com";
    private const int TunnelPort = 7000;
    private const long ProbeBytes = 4096;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public List<string> Failures { get; } = [];

    public async Task<ClusterFigures> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        using var service = new ByteService();
        using var nodes = await ClusterNodes.StartAsync(directory.Path, identity + ".pub", options.RelayTls).ConfigureAwait(false);
        // Only what the nodes print while the tunnel is saturated counts, not the joining at start-up.
        var warningsBefore = nodes.ClusterWarnings();
        var throughput = await MeasureThroughputAsync(nodes, identity, service.Port).ConfigureAwait(false);
        var warnings = nodes.ClusterWarnings() - warningsBefore;
        var path = (await nodes[1].MetricsTextAsync().ConfigureAwait(false)).Contains("warren_relay_link", StringComparison.Ordinal)
            ? $"relay links ({nodes.LinkSecurity(2)})" : "Akka remoting (the node exports no warren_relay_link metrics)";
        var failover = await MeasureFailoverAsync(nodes, identity, service.Port).ConfigureAwait(false);
        return new ClusterFigures(options.MegabytesPerRun, throughput, path, warnings, failover);
    }

    private async Task<IReadOnlyList<ClusterTransfer>> MeasureThroughputAsync(ClusterNodes nodes, string identity, int servicePort)
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..10];
        var target = $"{name}:{TunnelPort}";
        using var publisher = SshForward.Publish(nodes[1], identity, name, TunnelPort, servicePort);
        using var sameNode = await SshForward.OpenAsync(nodes[1], identity, Cipher, ForwardMode.Local, target).ConfigureAwait(false);
        using var crossNode = await SshForward.OpenAsync(nodes[2], identity, Cipher, ForwardMode.Local, target).ConfigureAwait(false);
        await WaitRoutesAsync(sameNode.Port, publisher).ConfigureAwait(false);
        await WaitRoutesAsync(crossNode.Port, publisher).ConfigureAwait(false);

        var length = options.MegabytesPerRun * 1024L * 1024;
        var results = new List<ClusterTransfer>();
        foreach (var direction in new[] { Direction.Download, Direction.Upload })
        {
            // Same node and cross node take turns, so a machine that speeds up or slows down affects both alike.
            foreach (var (route, forward) in new[] { ("same node", sameNode), ("cross node", crossNode) })
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                var clock = Stopwatch.StartNew();
                try
                {
                    await (direction == Direction.Download
                        ? Transfer.DownloadAsync(forward.Port, length, cancel.Token)
                        : Transfer.UploadAsync(forward.Port, length, cancel.Token)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or SocketException or OperationCanceledException)
                {
                    Failures.Add($"{route} {direction}: {e.Message}");
                    continue;
                }

                var result = new ClusterTransfer(route, direction, length, clock.Elapsed.TotalSeconds);
                results.Add(result);
                Console.Error.WriteLine($"  {route,-10} {direction,-8} {result.MegabytesPerSecond,8:0.0} MB/s, intact");
            }
        }

        return results;
    }

    private async Task<ClusterFailover?> MeasureFailoverAsync(ClusterNodes nodes, string identity, int servicePort)
    {
        var name = "f" + Guid.NewGuid().ToString("N")[..10];
        var publisher = SshForward.Publish(nodes[2], identity, name, TunnelPort, servicePort);
        try
        {
            using var visitor = await SshForward.OpenAsync(nodes[1], identity, Cipher, ForwardMode.Local, $"{name}:{TunnelPort}").ConfigureAwait(false);
            await WaitRoutesAsync(visitor.Port, publisher).ConfigureAwait(false);

            nodes.Kill(2);
            var clock = Stopwatch.StartNew();
            double? firstRoute = null;
            var reconnects = 0;
            var consecutive = 0;
            while (clock.Elapsed < Timeout)
            {
                if (!publisher.IsRunning)
                {
                    // The client saw its session die: it reconnects after its delay, through another node.
                    await Task.Delay(options.ReconnectDelay).ConfigureAwait(false);
                    publisher.Dispose();
                    publisher = SshForward.Publish(nodes[3], identity, name, TunnelPort, servicePort);
                    reconnects++;
                }

                if (await RoutesAsync(visitor.Port).ConfigureAwait(false))
                {
                    firstRoute ??= clock.Elapsed.TotalSeconds;
                    if (++consecutive == options.ProbesToCountAsRouted)
                    {
                        // Routing again means every visit routes: the dead node's tunnel is gone from the name.
                        var routed = clock.Elapsed.TotalSeconds;
                        Console.Error.WriteLine($"  failover: first visit routed {firstRoute:0.0} s after kill -9, every visit from {routed:0.0} s, {reconnects} reconnects");
                        return new ClusterFailover(options.ReconnectDelay.TotalSeconds, firstRoute.Value, routed, reconnects);
                    }
                }
                else
                {
                    consecutive = 0;
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }

            Failures.Add($"failover: the name did not route again within {Timeout.TotalSeconds:0} s of kill -9 ({reconnects} reconnects); last client output:\n{publisher.Output}");
            return null;
        }
        finally
        {
            publisher.Dispose();
        }
    }

    private static async Task WaitRoutesAsync(int port, SshForward publisher)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await RoutesAsync(port).ConfigureAwait(false))
        {
            if (!publisher.IsRunning || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the tunnel never routed; its ssh:\n{publisher.Output}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>One small checked download through the tunnel: true when it arrived intact.</summary>
    private static async Task<bool> RoutesAsync(int port)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Transfer.DownloadAsync(port, ProbeBytes, cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>What the cluster scenario runs.</summary>
internal sealed record ClusterOptions(int MegabytesPerRun, TimeSpan ReconnectDelay)
{
    /// <summary>Relay links over TLS (<c>--relay-tls</c>): one self-signed certificate for all three nodes.</summary>
    public bool RelayTls { get; init; }

    /// <summary>Consecutive routed visits that count as "routing again" (a pool with the dead node's tunnel still in it routes some and fails others).</summary>
    public int ProbesToCountAsRouted => 10;
}

/// <summary>One checked transfer through the tunnel, through its own node or another.</summary>
internal sealed record ClusterTransfer(string Route, Direction Direction, long Bytes, double Seconds)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;
}

/// <summary>Seconds from kill -9 until the first visit routed and until every visit did.</summary>
internal sealed record ClusterFailover(double ReconnectDelaySeconds, double FirstRouteSeconds, double RoutedSeconds, int Reconnects);

/// <summary>The cluster scenario's figures.</summary>
internal sealed record ClusterFigures(int MegabytesPerRun, IReadOnlyList<ClusterTransfer> Transfers, string CrossNodePath, int ClusterWarnings, ClusterFailover? Failover)
{
    /// <summary>Cross-node over same-node MB/s for a direction, or null when either run failed.</summary>
    public double? Ratio(Direction direction)
    {
        var same = Transfers.FirstOrDefault(t => t.Direction == direction && t.Route == "same node");
        var cross = Transfers.FirstOrDefault(t => t.Direction == direction && t.Route == "cross node");
        return same is null || cross is null ? null : cross.MegabytesPerSecond / same.MegabytesPerSecond;
    }
}
