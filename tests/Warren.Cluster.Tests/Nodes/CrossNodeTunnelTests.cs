using System.Net;
using System.Security.Cryptography;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Edge;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// Three warren processes as one relay: a tunnel published on one node is reached through
/// another, and a name is one name cluster-wide.
/// </summary>
public sealed class CrossNodeTunnelTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private WarrenCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task TunnelOnNode1_StdioForwardThroughNode3_Carries200MegabytesIntact()
    {
        using var service = new PatternServer(200L * 1024 * 1024);
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(client, Nodes[1], $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");
        var node1Before = await LinkTraffic.GetAsync(Nodes[1]);
        var node3Before = await LinkTraffic.GetAsync(Nodes[3]);

        var (length, hash, exitCode, stderr) = await StdioForward.ReadAllAsync(client, Nodes[3], $"{name}:7000", TimeSpan.FromMinutes(5));

        Assert.True(length == service.Length, $"{length} of {service.Length} bytes arrived; ssh exited {exitCode}:\n{stderr}");
        Assert.Equal(service.ExpectedHash, hash);

        // The bytes crossed from node 1 to node 3 on the relay link, and none tried remoting.
        var node1After = await LinkTraffic.GetAsync(Nodes[1]);
        var node3After = await LinkTraffic.GetAsync(Nodes[3]);
        Assert.True(node1After.Sent - node1Before.Sent >= service.Length, $"node 1's links sent {node1After.Sent - node1Before.Sent} bytes");
        Assert.True(node3After.Received - node3Before.Received >= service.Length, $"node 3's links received {node3After.Received - node3Before.Received} bytes");
        Assert.Equal(0, node1After.RemotingRefused);
        Assert.Equal(0, node3After.RemotingRefused);
    }

    [Fact]
    public async Task HttpTunnelOnNode1_VisitorThroughNode3Edge_Downloads100MegabytesIntact()
    {
        using var service = new PatternServer(100L * 1024 * 1024, http: true);
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        using var publisher = await Publisher.StartAsync(client, Nodes[1], $"{name}:80:127.0.0.1:{service.Port}", $"listen {name}:80,");
        var node3Before = await LinkTraffic.GetAsync(Nodes[3]);
        using var visitor = new EdgeVisitor(Nodes[3].HttpPort, edgeAddress: IPAddress.Parse(Nodes[3].Host));
        visitor.Client.Timeout = TimeSpan.FromMinutes(5);

        using var response = await visitor.Client.GetAsync(new Uri($"http://{name}.localhost:{Nodes[3].HttpPort}/"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (length, hash) = await HashAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(service.Length, length);
        Assert.Equal(service.ExpectedHash, hash);
        var node3After = await LinkTraffic.GetAsync(Nodes[3]);
        Assert.True(node3After.Received - node3Before.Received >= service.Length, $"node 3's links received {node3After.Received - node3Before.Received} bytes");
        Assert.Equal(0, node3After.RemotingRefused);
    }

    [Fact]
    public async Task SameName_TwoAccountsOnTwoNodesAtOnce_OneWinsTheOtherIsRefused()
    {
        using var service = new TcpEchoServer();
        using var alice = await OpenSshClient.CreateAsync();
        using var bob = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        var forward = $"{name}:7000:127.0.0.1:{service.Port}";

        using var onNode1 = Publisher.Start(alice, Nodes[1], forward);
        using var onNode2 = Publisher.Start(bob, Nodes[2], forward);

        // ExitOnForwardFailure: the loser's ssh exits 255; the winner stays up with its forward bound.
        var bound = $"listen {name}:7000,";
        await WaitFor.ConditionAsync(
            () => (Publisher.IsBound(onNode1, bound) && onNode2.HasExited) || (Publisher.IsBound(onNode2, bound) && onNode1.HasExited),
            Timeout,
            $"one bind to win and the other to be refused.\nnode 1 client:\n{onNode1.Output}\nnode 2 client:\n{onNode2.Output}");
        var loser = onNode1.HasExited ? onNode1 : onNode2;
        // ssh's last lines may still be on their way through the pipe when it has exited.
        await loser.Output.WaitForTextAsync("remote port forwarding failed", Timeout);
    }

    [Fact]
    public async Task SameName_OneAccountOnTwoNodes_BothServeAsAPool()
    {
        using var serviceA = new TcpEchoServer("served by A\n");
        using var serviceB = new TcpEchoServer("served by B\n");
        using var client = await OpenSshClient.CreateAsync();
        var name = Publisher.UniqueName();
        using var onNode1 = await Publisher.StartAsync(client, Nodes[1], $"{name}:7000:127.0.0.1:{serviceA.Port}", $"listen {name}:7000,");
        using var onNode2 = await Publisher.StartAsync(client, Nodes[2], $"{name}:7000:127.0.0.1:{serviceB.Port}", $"listen {name}:7000,");

        // Round-robin over the pool: a few visits through node 3 reach both backends.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var visit = 0; visit < 6 && seen.Count < 2; visit++)
        {
            var result = await client.RunAsync(Nodes[3].Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout, host: Nodes[3].Host);
            Assert.True(result.ExitCode == 0, result.ToString());
            seen.Add(result.Stdout.Trim());
        }

        Assert.Equal(["served by A", "served by B"], seen.Order(StringComparer.Ordinal));
    }

    private static async Task<(long Length, byte[] Hash)> HashAsync(Stream body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        var length = 0L;
        int read;
        while ((read = await body.ReadAsync(buffer).AsTask().WaitAsync(Timeout)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, hash.GetHashAndReset());
    }
}
