using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;

namespace Warren.LoadGen.Scenarios.Cluster;

/// <summary>
/// Three <c>warren serve</c> processes on 127.0.0.1, 127.0.0.2 and 127.0.0.3 forming one cluster
/// (cluster-config/local.hocon, remoting on free ports, all three as seed nodes, node 1 first so
/// it starts the cluster), each with a relay-link listener, the same authorized key on each.
/// Started one after another, each awaited until it reports itself a member.
/// </summary>
internal sealed class ClusterNodes : IDisposable
{
    private static readonly string[] Hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly WarrenUnderTest?[] _nodes = new WarrenUnderTest?[Hosts.Length];

    /// <summary>Node 1..3.</summary>
    public WarrenUnderTest this[int node] => _nodes[node - 1] ?? throw new InvalidOperationException($"node {node} is not running");

    /// <param name="relayTls">Relay links over TLS: one self-signed certificate, written into <paramref name="directory"/>, for every node.</param>
    public static async Task<ClusterNodes> StartAsync(string directory, string clientPublicKeyFile, bool relayTls)
    {
        var config = Path.Combine(AppContext.BaseDirectory, "cluster-config", "local.hocon");
        if (!File.Exists(config))
        {
            throw new InvalidOperationException($"{config} is missing: build the load generator (Warren.Server copies cluster-config/)");
        }

        var clusterPorts = Hosts.Select(_ => FreeTcpPort.Get()).ToArray();
        var seeds = Hosts.Zip(clusterPorts).SelectMany(seed => new[] { "--seed-node", "akka.tcp://warren@" + WarrenUnderTest.Address(seed.First, seed.Second) }).ToArray();
        var tlsFlags = relayTls ? WriteRelayCertificate(directory) : [];
        var nodes = new ClusterNodes();
        try
        {
            for (var i = 0; i < Hosts.Length; i++)
            {
                string[] arguments =
                [
                    "--cluster-config", config,
                    "--cluster-listen", WarrenUnderTest.Address(Hosts[i], clusterPorts[i]),
                    "--relay-listen", WarrenUnderTest.Address(Hosts[i], FreeTcpPort.Get()),
                    .. seeds,
                    .. tlsFlags,
                ];
                var node = await WarrenUnderTest.StartAsync(directory, clientPublicKeyFile, permittedPort: 9, arguments, Hosts[i]).ConfigureAwait(false);
                nodes._nodes[i] = node;
                await node.WaitForOutputAsync("cluster member up", StartTimeout).ConfigureAwait(false);
                Console.Error.WriteLine($"  node {i + 1} up on {Hosts[i]}");
            }

            return nodes;
        }
        catch
        {
            nodes.Dispose();
            throw;
        }
    }

    /// <summary>How node <paramref name="node"/> logged its dialed relay link: "plain", or the TLS version and cipher.</summary>
    public string LinkSecurity(int node)
    {
        var match = System.Text.RegularExpressions.Regex.Match(this[node].Output, @"relay link up .*\(dialed, ([^)]*)\)");
        return match.Success ? match.Groups[1].Value : "no dialed link logged";
    }

    /// <summary>kill -9 of one node.</summary>
    public void Kill(int node)
    {
        this[node].Kill();
        _nodes[node - 1] = null;
    }

    /// <summary>Lines the running nodes printed that say a member was unreachable or gossip was slow.</summary>
    public int ClusterWarnings()
    {
        var count = 0;
        foreach (var node in _nodes)
        {
            foreach (var line in node?.Output.Split('\n') ?? [])
            {
                if (line.Contains("nreachable", StringComparison.Ordinal) || line.Contains("gossip", StringComparison.OrdinalIgnoreCase))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static string[] WriteRelayCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=warren-loadgen-relay", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(directory, "relay-tls.crt");
        var keyFile = Path.Combine(directory, "relay-tls.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return ["--relay-tls-cert", certFile, "--relay-tls-key", keyFile];
    }

    public void Dispose()
    {
        // The last nodes first, so the earlier ones are not kept waiting for them.
        for (var i = _nodes.Length - 1; i >= 0; i--)
        {
            _nodes[i]?.Dispose();
            _nodes[i] = null;
        }
    }
}
