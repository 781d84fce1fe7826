using System.Net;
using System.Net.Sockets;
using System.Text;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// <c>ssh -W</c>, <c>-L</c> and <c>-D</c> to real hosts the operator allowed with --permit-open:
/// bulk data intact both ways with half-close, and the reasons ssh shows when it may not or cannot connect.
/// </summary>
public sealed class RealHostForwardingTests(RealSocketWarrenFixture server) : IClassFixture<RealSocketWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task StdioForward_ToPermittedEcho_Carries200MegabytesEachWayIntact()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var ssh = SshStdioProcess.Start(client.Arguments(server.Port, extraArgs: ["-W", $"127.0.0.1:{server.EchoPort}"], command: null));

        var result = await BulkTransfer.RunAsync(ssh.Input, ssh.CloseInputAsync, ssh.Output, BulkTransfer.BulkBytes, seed: 1, BulkTimeout);

        Assert.True(BulkTransfer.BulkBytes == result.ReceivedBytes, ssh.Stderr.ToString());
        Assert.Equal(result.SentHash, result.ReceivedHash);
        Assert.Equal(0, await ssh.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task LocalForward_ToPermittedEcho_WithRekeysMidStream_Carries200MegabytesEachWayIntact()
    {
        using var client = await OpenSshClient.CreateAsync();
        var localPort = FreePort.Get();
        using var ssh = await LocalForwardAsync(client, ["RekeyLimit=8M"], localPort, $"127.0.0.1:{server.EchoPort}");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);

        await BulkTransfer.AssertEchoedAsync(tcp, seed: 2, BulkTimeout);
        Assert.Contains("rekeying", ssh.Output.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DynamicForward_Socks5ConnectToPermittedEcho_Carries200MegabytesEachWayIntact()
    {
        using var client = await OpenSshClient.CreateAsync();
        var socksPort = FreePort.Get();
        using var ssh = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes"], ["-N", "-D", $"127.0.0.1:{socksPort}"]);
        await ssh.Output.WaitForTextAsync($"Local connections to 127.0.0.1:{socksPort} forwarded", Timeout);

        using var cancel = new CancellationTokenSource(Timeout);
        using var tcp = await Socks5Client.ConnectAsync(socksPort, new IPEndPoint(IPAddress.Loopback, server.EchoPort), cancel.Token);

        await BulkTransfer.AssertEchoedAsync(tcp, seed: 3, BulkTimeout);
    }

    [Fact]
    public async Task LocalForward_RequestThenHalfClose_GetsTheServicesAnswer()
    {
        using var client = await OpenSshClient.CreateAsync();
        var localPort = FreePort.Get();
        using var ssh = await LocalForwardAsync(client, [], localPort, $"127.0.0.1:{server.HashPort}");
        const long Bytes = 16L * 1024 * 1024;

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);
        var stream = tcp.GetStream();
        using var answer = new MemoryStream();
        var result = await BulkTransfer.RunAsync(stream, () => ShutdownSend(tcp), new TeeStream(stream, answer), Bytes, seed: 4, BulkTimeout);

        Assert.Equal(HashReplyServer.Answer(Bytes, result.SentHash), Encoding.ASCII.GetString(answer.ToArray()));
    }

    [Fact]
    public async Task StdioForward_PermittedPortWhereNothingListens_FailsWithConnectionRefused()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"127.0.0.1:{server.ClosedPort}"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"open failed: connect failed: connection refused by 127.0.0.1:{server.ClosedPort}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdioForward_NotPermitted_FailsAdministrativelyProhibitedWithTheFix()
    {
        using var client = await OpenSshClient.CreateAsync();
        var other = FreePort.Get();

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"127.0.0.1:{other}"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("open failed: administratively prohibited", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"--permit-open 127.0.0.1:{other}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdioForward_PermitOpenAny_StillRefusesLoopbackUnlessNamed()
    {
        var result = await StdioForwardUnderPermitOpenAnyAsync($"127.0.0.1:{server.EchoPort}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("open failed: administratively prohibited", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a loopback address", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdioForward_PermitOpenAnyName_ThatResolvesToLoopback_IsRefused()
    {
        var result = await StdioForwardUnderPermitOpenAnyAsync($"localhost:{server.EchoPort}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("open failed: administratively prohibited: localhost resolves to", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdioForward_PermitOpenAnyAndTheLoopbackTargetNamed_Connects()
    {
        using var greeter = new TcpEchoServer("hello from loopback\n");

        var result = await StdioForwardUnderPermitOpenAnyAsync($"127.0.0.1:{greeter.Port}", $"127.0.0.1:{greeter.Port}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello from loopback", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> StdioForwardUnderPermitOpenAnyAsync(string target, string? alsoPermitted = null)
    {
        string[] extra = alsoPermitted is null ? [] : ["--permit-open", alsoPermitted];
        using var warren = await WarrenProcess.StartAsync(["--anonymous", "--permit-open", "any", .. extra]);
        using var client = await OpenSshClient.CreateAsync();
        return await client.RunAsync(warren.Port, extraArgs: ["-W", target], command: null, timeout: Timeout);
    }

    private static Task ShutdownSend(TcpClient tcp)
    {
        tcp.Client.Shutdown(SocketShutdown.Send);
        return Task.CompletedTask;
    }

    private async Task<BackgroundProcess> LocalForwardAsync(OpenSshClient client, string[] options, int localPort, string target)
    {
        var ssh = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes", .. options], ["-N", "-L", $"127.0.0.1:{localPort}:{target}"]);
        try
        {
            // Not WaitFor.PortOpenAsync: its probe connection would be forwarded too.
            await ssh.Output.WaitForTextAsync($"Local connections to 127.0.0.1:{localPort} forwarded", Timeout);
            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }
}
