using System.Globalization;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// Three real <c>warren serve --anonymous</c> processes on 127.0.0.1, 127.0.0.2 and 127.0.0.3
/// that form one cluster: cluster-config/local.hocon, each node's remoting on a free port, all
/// three as seed nodes (node 1 first, so it starts the cluster), one cluster secret file for
/// their relay links (each on its remoting host, a free port). Started one after another; each
/// is awaited until it reports itself Up.
/// </summary>
internal sealed class WarrenCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];

    private readonly WarrenProcess?[] _nodes;
    private readonly int[] _clusterPorts;
    private readonly TempDirectory _secretDir = new("warren-secret-");
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly Func<int, IReadOnlyList<string>> _nodeArgs;
    private string? _discoveryConfig;

    private WarrenCluster(int[] clusterPorts, IReadOnlyList<string> extraArgs, Func<int, IReadOnlyList<string>>? nodeArgs)
    {
        _clusterPorts = clusterPorts;
        _extraArgs = extraArgs;
        _nodeArgs = nodeArgs ?? (_ => []);
        _nodes = new WarrenProcess?[clusterPorts.Length];
        SecretFile = Path.Combine(_secretDir.Path, "cluster-secret");
        File.WriteAllBytes(SecretFile, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The cluster secret every node's relay links prove.</summary>
    public string SecretFile { get; }

    /// <summary>The number of nodes.</summary>
    public const int Size = 3;

    /// <summary>Node 1..3 (1-based, as the tests name them).</summary>
    public WarrenProcess this[int node] => _nodes[node - 1] ?? throw new InvalidOperationException($"node {node} is not running");

    /// <param name="extraArgs">More flags for every node (e.g. --admin-token-file, limits).</param>
    /// <param name="nodeArgs">More flags for one node (1-based), after <paramref name="extraArgs"/> (e.g. its own certificate).</param>
    public static async Task<WarrenCluster> StartAsync(IReadOnlyList<string>? extraArgs = null, Func<int, IReadOnlyList<string>>? nodeArgs = null)
    {
        var cluster = new WarrenCluster([.. Hosts.Select(_ => FreePort.Get())], extraArgs ?? [], nodeArgs);
        try
        {
            for (var node = 1; node <= Hosts.Length; node++)
            {
                await cluster.StartNodeAsync(node);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Three nodes, none started yet, that find each other through Kubernetes API discovery:
    /// <paramref name="clusterConfig"/> (a kubernetes.hocon) and no --seed-node. Start each with
    /// <see cref="StartNodeAsync"/> without waiting for Up: none is Up before it sees the pods it requires.
    /// </summary>
    public static WarrenCluster ForDiscovery(string clusterConfig) =>
        new([.. Hosts.Select(_ => FreePort.Get())], [], null) { _discoveryConfig = clusterConfig };

    /// <summary>The address node <paramref name="node"/>'s remoting listens on (its pod IP, for discovery).</summary>
    public static string Host(int node) => Hosts[node - 1];

    /// <summary>The port node <paramref name="node"/>'s remoting listens on.</summary>
    public int ClusterPort(int node) => _clusterPorts[node - 1];

    /// <summary>Starts node <paramref name="node"/> (again, after a kill) and, unless told otherwise, waits until it is Up.</summary>
    public async Task StartNodeAsync(int node, bool waitUntilUp = true)
    {
        var host = Hosts[node - 1];
        var seeds = _discoveryConfig is null
            ? Hosts.Zip(_clusterPorts).SelectMany(s => new[] { "--seed-node", SeedNode(s.First, s.Second) })
            : [];
        List<string> args =
        [
            "--anonymous",
            "--cluster-config", _discoveryConfig ?? Path.Combine(AppContext.BaseDirectory, "cluster-config", "local.hocon"),
            "--cluster-listen", host + ":" + _clusterPorts[node - 1].ToString(CultureInfo.InvariantCulture),
            "--cluster-secret-file", SecretFile,
            .. seeds,
            .. _extraArgs,
            .. _nodeArgs(node),
        ];
        var process = await WarrenProcess.StartAsync(args, startTimeout: StartTimeout, host: host);
        _nodes[node - 1] = process;
        if (waitUntilUp)
        {
            await WaitUpAsync(node);
        }
    }

    /// <summary>Waits until node <paramref name="node"/> reports itself Up.</summary>
    public Task WaitUpAsync(int node) => this[node].Output.WaitForTextAsync("cluster member up", StartTimeout);

    /// <summary>The port node <paramref name="node"/>'s relay links listen on, from its start-up line.</summary>
    public int RelayPort(int node)
    {
        var match = System.Text.RegularExpressions.Regex.Match(this[node].Output.ToString(), @"relay links on [^ ]+:(\d+) ");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"node {node} did not say where its relay links listen");
    }

    /// <summary>Node <paramref name="node"/> if it is running, else null.</summary>
    public WarrenProcess? TryGet(int node) => _nodes[node - 1] is { HasExited: false } process ? process : null;

    /// <summary>SIGTERM of one node: it drains, leaves the cluster and exits; returns its exit code.</summary>
    public async Task<int> TerminateAsync(int node, TimeSpan timeout)
    {
        var process = this[node];
        _nodes[node - 1] = null;
        try
        {
            return await process.TerminateAsync(timeout);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Waits until node <paramref name="node"/> answers /readyz with 200.</summary>
    public async Task WaitReadyAsync(int node, TimeSpan timeout)
    {
        var process = this[node];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitFor.ConditionAsync(
            async ct =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://{process.Host}:{process.MetricsPort}/readyz"), ct);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            timeout,
            $"node {node} to be ready (/readyz 200)");
    }

    /// <summary>kill -9 of one node: no leave, no hand-off; the others must notice and recover.</summary>
    public async Task KillAsync(int node)
    {
        var process = this[node];
        await process.KillAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
        _nodes[node - 1] = null;
    }

    public async ValueTask DisposeAsync()
    {
        // Stop the last nodes first, so the earlier ones are not kept waiting for them.
        for (var i = _nodes.Length - 1; i >= 0; i--)
        {
            _nodes[i]?.Dispose();
            _nodes[i] = null;
        }

        _secretDir.Dispose();
        await Task.CompletedTask;
    }

    private static string SeedNode(string host, int port) =>
        "akka.tcp://warren@" + host + ":" + port.ToString(CultureInfo.InvariantCulture);
}
