using System.Net.Sockets;
using System.Text;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// SIGTERM with a visitor stream open (<c>--drain-timeout</c>): the node stops being ready, the
/// stream keeps working while it drains, and the node exits once the stream ends, or once the
/// drain timeout has passed if it does not. One node (a cluster of one) per test.
/// </summary>
public sealed class DrainTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Far longer than either test needs: a node that exits under it exited because the stream ended.
    private const string LongDrain = "300";

    [Fact]
    public async Task Sigterm_VisitorStreamOpen_StreamWorksWhileDrainingAndTheNodeExitsWhenItEnds()
    {
        await using var scene = await Scene.StartAsync(LongDrain);
        using var visitor = await scene.ConnectVisitorAsync();
        Assert.Equal("one", await Echo(visitor, "one"));

        await scene.Node.SendTerminateAsync(Timeout);
        await WaitFor.ConditionAsync(async _ => !await IsReadyAsync(scene.Node), Timeout, "/readyz to turn false on SIGTERM");

        // Draining: the stream still carries bytes both ways.
        Assert.Equal("two", await Echo(visitor, "two"));
        Assert.False(scene.Node.HasExited, "the node exited while a visitor stream was open");

        visitor.Dispose();
        var exitCode = await scene.Node.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"warren exited {exitCode}:\n{scene.Node.Output}");
    }

    [Fact]
    public async Task Sigterm_VisitorStreamHeldOpen_TheNodeExitsAfterTheDrainTimeout()
    {
        await using var scene = await Scene.StartAsync("2");
        using var visitor = await scene.ConnectVisitorAsync();
        Assert.Equal("one", await Echo(visitor, "one"));

        await scene.Node.SendTerminateAsync(Timeout);

        var exitCode = await scene.Node.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"warren exited {exitCode}:\n{scene.Node.Output}");

        // The stream was closed with the node: the visitor reads the end.
        var buffer = new byte[16];
        var read = await ReadOrEndAsync(visitor, buffer);
        Assert.Equal(0, read);
    }

    private static async Task<string> Echo(TcpClient visitor, string line)
    {
        var stream = visitor.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\n")).AsTask().WaitAsync(Timeout);
        var received = new StringBuilder();
        var buffer = new byte[64];
        while (!received.ToString().EndsWith('\n'))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString().TrimEnd('\n');
    }

    private static async Task<int> ReadOrEndAsync(TcpClient visitor, byte[] buffer)
    {
        try
        {
            return await visitor.GetStream().ReadAsync(buffer).AsTask().WaitAsync(Timeout);
        }
        catch (IOException)
        {
            // A reset is an end too.
            return 0;
        }
    }

    private static async Task<bool> IsReadyAsync(WarrenProcess node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var response = await http.GetAsync(new Uri($"http://{node.Host}:{node.MetricsPort}/readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>One node with --drain-timeout, an echo service published on it, and an ssh -L to it for visitors.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        private readonly TcpEchoServer _service = new();
        private readonly List<IDisposable> _owned = [];
        private int _visitorPort;

        private Scene(WarrenProcess node, OpenSshClient client)
        {
            Node = node;
            Client = client;
        }

        public WarrenProcess Node { get; }

        public OpenSshClient Client { get; }

        public static async Task<Scene> StartAsync(string drainTimeout)
        {
            var node = await WarrenProcess.StartAsync(["--anonymous", "--drain-timeout", drainTimeout]);
            var scene = new Scene(node, await OpenSshClient.CreateAsync());
            try
            {
                var name = Publisher.UniqueName();
                scene._owned.Add(await Publisher.StartAsync(scene.Client, node, $"{name}:7000:127.0.0.1:{scene._service.Port}", $"listen {name}:7000,"));
                scene._visitorPort = FreePort.Get();
                var forward = scene.Client.StartBackground(node.Port, ["ExitOnForwardFailure=yes"], ["-N", "-L", $"127.0.0.1:{scene._visitorPort}:{name}:7000"], host: node.Host);
                scene._owned.Add(forward);
                await WaitFor.PortOpenAsync("127.0.0.1", scene._visitorPort, Timeout);
                return scene;
            }
            catch
            {
                await scene.DisposeAsync();
                throw;
            }
        }

        /// <summary>A visitor stream: a TCP connection to ssh -L's port, through the relay to the service.</summary>
        public async Task<TcpClient> ConnectVisitorAsync()
        {
            var visitor = new TcpClient();
            await visitor.ConnectAsync("127.0.0.1", _visitorPort).WaitAsync(Timeout);
            return visitor;
        }

        public ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            Node.Dispose();
            Client.Dispose();
            _service.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
