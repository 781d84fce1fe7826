using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// <c>ssh -R 0:HOST:PORT</c> and <c>ssh -R PORT:HOST:PORT</c>: a real TCP port on the relay within
/// --forward-ports, its visitors bridged to the client's service, refusals with reasons, and the
/// port freed when the session ends.
/// </summary>
public sealed partial class ForwardPortTests(RealSocketWarrenFixture server) : IClassFixture<RealSocketWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task RemoteForwardPortZero_VisitorOnTheAllocatedPort_Carries200MegabytesEachWayIntact()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var ssh = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", $"0:127.0.0.1:{server.EchoPort}"]);
        var port = await AllocatedPortAsync(ssh);
        Assert.InRange(port, RealSocketWarrenFixture.ForwardLow, RealSocketWarrenFixture.ForwardHigh);

        using var visitor = new TcpClient();
        await visitor.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);

        await BulkTransfer.AssertEchoedAsync(visitor, seed: 5, BulkTimeout);
    }

    [Fact]
    public async Task RemoteForwardPortZero_TunnelsCommand_ShowsThePortOnTheRelay()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-R", $"0:127.0.0.1:{server.EchoPort}"], command: "tunnels", timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        var port = AllocatedPort().Match(result.Stderr).Groups[1].Value;
        Assert.Matches($@"port-{port}\s+port\s.*localhost:{port}", result.Stdout);
    }

    [Fact]
    public async Task RemoteForwardPortOutsideRange_IsRefusedWithAReason_WhileTheSessionGoesOn()
    {
        using var client = await OpenSshClient.CreateAsync();
        var outside = RealSocketWarrenFixture.ForwardHigh + 1;

        var result = await client.RunAsync(
            server.Port,
            extraArgs: ["-R", $"{outside}:127.0.0.1:{server.EchoPort}", "-R", $"0:127.0.0.1:{server.EchoPort}"],
            command: "tunnels",
            timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"remote port forwarding failed for listen port {outside}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Allocated port", result.Stderr, StringComparison.Ordinal);
        await server.Output.WaitForTextAsync($"port {outside} is outside this relay's forward ports {RealSocketWarrenFixture.ForwardLow}-{RealSocketWarrenFixture.ForwardHigh}", Timeout);
    }

    [Fact]
    public async Task RemoteForwardPortInUse_IsRefusedWithAReason()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var holder = BindFreeForwardPort(out var port);

        var result = await client.RunAsync(server.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", $"{port}:127.0.0.1:{server.EchoPort}"], command: null, timeout: Timeout);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains($"remote port forwarding failed for listen port {port}", result.Stderr, StringComparison.Ordinal);
        await server.Output.WaitForTextAsync($"port {port} is in use on the relay", Timeout);
    }

    [Fact]
    public async Task RemoteForwardPort_SessionEnds_FreesThePortForTheNextSession()
    {
        using var client = await OpenSshClient.CreateAsync();
        int port;
        using (BindFreeForwardPort(out port))
        {
        }

        using (var first = await ForwardAsync(client, port))
        {
            using var visitor = new TcpClient();
            await visitor.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        }

        await WaitFor.ConditionAsync(() => !Accepts(port), Timeout, $"relay port {port} to close with its session");
        using var second = await ForwardAsync(client, port);
        Assert.True(Accepts(port));
    }

    [Fact]
    public async Task RemoteForwardPort_CancelledThroughTheControlMaster_ClosesThePort_WhileTheSessionGoesOn()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var control = new TempDirectory("warren-mux-");
        var socketPath = Path.Combine(control.Path, "mux");
        int port;
        using (BindFreeForwardPort(out port))
        {
        }

        var forward = $"{port}:127.0.0.1:{server.EchoPort}";
        using var master = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes", "ControlMaster=yes", $"ControlPath={socketPath}"], ["-N", "-R", forward]);
        await master.Output.WaitForTextAsync($"remote forward success for: listen {port}", Timeout);
        Assert.True(Accepts(port));

        var cancel = await client.RunAsync(server.Port, [$"ControlPath={socketPath}"], ["-O", "cancel", "-R", forward], command: null, timeout: Timeout);

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        await WaitFor.ConditionAsync(() => !Accepts(port), Timeout, $"relay port {port} to close on cancel-tcpip-forward");
        await server.Output.WaitForTextAsync($"tcpip-forward port closed", Timeout);
        Assert.False(master.HasExited, "the session goes on after a cancel");
    }

    private static bool Accepts(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Binds a port of the fixture's range that is free now; the caller holds it or lets it go.</summary>
    private static Socket BindFreeForwardPort(out int port)
    {
        for (port = RealSocketWarrenFixture.ForwardLow; port <= RealSocketWarrenFixture.ForwardHigh; port++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                socket.Listen();
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }

        throw new InvalidOperationException("no free port in the fixture's forward range");
    }

    private async Task<BackgroundProcess> ForwardAsync(OpenSshClient client, int port)
    {
        var ssh = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", $"{port}:127.0.0.1:{server.EchoPort}"]);
        try
        {
            await ssh.Output.WaitForTextAsync($"remote forward success for: listen {port}", Timeout);
            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    private static async Task<int> AllocatedPortAsync(BackgroundProcess ssh)
    {
        await WaitFor.ConditionAsync(() => AllocatedPort().IsMatch(ssh.Output.ToString()), Timeout, "ssh to report the allocated port");
        return int.Parse(AllocatedPort().Match(ssh.Output.ToString()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Allocated port (\d+) for remote forward")]
    private static partial Regex AllocatedPort();
}
