using System.Net;
using System.Net.Sockets;
using System.Text;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Limits;

/// <summary>
/// Each limit through the real OpenSSH client: going over refuses that one thing with the
/// limit's reason where the client can see it, and what already runs goes on.
/// </summary>
public sealed class SessionLimitTests(LimitsWarrenFixture server) : IClassFixture<LimitsWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task LocalForward_OneChannelOverTheLimit_IsRefusedAndTheOthersGoOn()
    {
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await SshForwards.PublishAsync(client, server.Port, [$"{name}:80:127.0.0.1:{service.Port}"], [$"listen {name}:80,"], Timeout);
        var localPort = FreePort.Get();
        using var visitor = await SshForwards.LocalForwardAsync(client, server.Port, [(localPort, $"{name}:80")], Timeout);
        var open = new List<TcpClient>();
        try
        {
            for (var i = 0; i < LimitsWarrenFixture.Channels; i++)
            {
                open.Add(await EchoingConnectionAsync(localPort));
            }

            using (var extra = new TcpClient())
            {
                await extra.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);
                await visitor.Output.WaitForTextAsync("open failed: resource shortage: limit reached: 3 open channels per session", Timeout);
            }

            Assert.Contains("Limits:ChannelsPerSession", visitor.Output.ToString(), StringComparison.Ordinal);
            Assert.Equal("ping", await PingAsync(open[0]));

            // Closing one makes room again, once both sides of its channel are closed.
            open[0].Dispose();
            open.RemoveAt(0);
            await WaitFor.ConditionAsync(
                async _ => await TryRoundTripAsync(localPort),
                Timeout,
                "a new connection to go through after one was closed");
            Assert.False(visitor.HasExited, "the session must survive a refused channel");
        }
        finally
        {
            open.ForEach(tcp => tcp.Dispose());
        }
    }

    [Fact]
    public async Task RemoteForward_OneOverTheSessionLimit_IsRefusedAndTheOthersServe()
    {
        using var client = await OpenSshClient.CreateAsync();
        var names = new[] { UniqueName(), UniqueName(), UniqueName() };

        using var ssh = client.StartBackground(server.Port, extraArgs:
            ["-N", "-R", $"{names[0]}:80:127.0.0.1:9", "-R", $"{names[1]}:80:127.0.0.1:9", "-R", $"{names[2]}:80:127.0.0.1:9"]);

        await ssh.Output.WaitForTextAsync("remote port forwarding failed", Timeout);
        await WaitFor.ConditionAsync(
            () => SshForwards.ReportsRemoteForward(ssh.Output, $"listen {names[0]}:80,") && SshForwards.ReportsRemoteForward(ssh.Output, $"listen {names[1]}:80,"),
            Timeout,
            "the first two forwards to be bound");
        await server.Output.WaitForTextAsync("limit reached: 2 forwards (ssh -R) per session", Timeout);
        Assert.False(ssh.HasExited, "the session must survive a refused forward");
    }

    [Fact]
    public async Task RemoteForward_OneOverTheAccountTunnelLimit_IsRefusedAcrossSessions()
    {
        using var client = await OpenSshClient.CreateAsync();
        var names = new[] { UniqueName(), UniqueName(), UniqueName(), UniqueName() };
        using var first = await SshForwards.PublishAsync(
            client, server.Port, [$"{names[0]}:80:127.0.0.1:9", $"{names[1]}:80:127.0.0.1:9"], [$"listen {names[0]}:80,", $"listen {names[1]}:80,"], Timeout);

        using var second = client.StartBackground(server.Port, extraArgs: ["-N", "-R", $"{names[2]}:80:127.0.0.1:9", "-R", $"{names[3]}:80:127.0.0.1:9"]);

        await second.Output.WaitForTextAsync("remote port forwarding failed", Timeout);
        await WaitFor.ConditionAsync(() => SshForwards.ReportsRemoteForward(second.Output, $"listen {names[2]}:80,"), Timeout, "the account's third tunnel to be bound");
        await server.Output.WaitForTextAsync("limit reached: 3 tunnels per account", Timeout);
        Assert.Contains("Limits:TunnelsPerAccount", server.Output.ToString(), StringComparison.Ordinal);
        Assert.False(first.HasExited || second.HasExited, "both sessions must survive the refusal");
    }

    [Fact]
    public async Task Session_OneOverTheAccountLimit_IsDisconnectedWithTheReason()
    {
        using var client = await OpenSshClient.CreateAsync();
        var names = new[] { UniqueName(), UniqueName() };

        // A bound forward proves each session was admitted: admission comes before anything is read.
        using var first = await SshForwards.PublishAsync(client, server.Port, [$"{names[0]}:80:127.0.0.1:9"], [$"listen {names[0]}:80,"], Timeout);
        var second = await SshForwards.PublishAsync(client, server.Port, [$"{names[1]}:80:127.0.0.1:9"], [$"listen {names[1]}:80,"], Timeout);
        try
        {
            var refused = await client.RunAsync(server.Port, command: "help", timeout: Timeout);

            Assert.Equal(255, refused.ExitCode);
            Assert.Contains("too many sessions for account", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("limit reached: 2 sessions per account", refused.Stderr, StringComparison.Ordinal);
            Assert.False(first.HasExited || second.HasExited, "the sessions already running must go on");
        }
        finally
        {
            second.Dispose();
        }

        // One ended: a new session fits again once warren has seen it go.
        await WaitFor.ConditionAsync(
            async _ => (await client.RunAsync(server.Port, command: "help", timeout: Timeout)).ExitCode == 0,
            Timeout,
            "a new session to be admitted after one ended");
    }

    private static string UniqueName() => "l" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<TcpClient> EchoingConnectionAsync(int port)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
            Assert.Equal("ping", await PingAsync(tcp));
            return tcp;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private static async Task<string> PingAsync(TcpClient tcp)
    {
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("ping")).AsTask().WaitAsync(Timeout);
        var reply = new byte[4];
        await stream.ReadExactlyAsync(reply).AsTask().WaitAsync(Timeout);
        return Encoding.ASCII.GetString(reply);
    }

    private static async Task<bool> TryRoundTripAsync(int port)
    {
        var payload = Encoding.ASCII.GetBytes("again");
        try
        {
            return (await SshForwards.RoundTripAsync(port, payload, Timeout)).AsSpan().SequenceEqual(payload);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException)
        {
            return false;
        }
    }
}
