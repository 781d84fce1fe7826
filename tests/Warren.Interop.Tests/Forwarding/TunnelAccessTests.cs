using System.Net;
using System.Net.Sockets;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// Who may reach a named tunnel, through the real OpenSSH client: the owner always, other
/// accounts only when the owner's session says <c>allow-accounts=</c>; tunnel options the relay
/// does not apply are refused; a killed owner gets its name back at once; 200 MB each way to a name.
/// Accounts are key fingerprints (--anonymous).
/// </summary>
public sealed class TunnelAccessTests(ForwardingWarrenFixture server) : IClassFixture<ForwardingWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task AllowAccounts_OtherAccountListed_ReachesTheTunnel()
    {
        using var service = new TcpEchoServer("hello from db\n");
        using var owner = await OpenSshClient.CreateAsync();
        using var bob = await OpenSshClient.CreateAsync();
        using var carol = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishWithOptionsAsync(owner, $"{name}:7000:127.0.0.1:{service.Port}", $"allow-accounts={bob.Identity.Fingerprint},{carol.Identity.Fingerprint}");

        var result = await bob.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello from db", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"other accounts allowed: {bob.Identity.Fingerprint}, {carol.Identity.Fingerprint}", publisher.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAccounts_OtherAccountNotListed_IsRefusedWithAReason()
    {
        using var service = new TcpEchoServer("hello from db\n");
        using var owner = await OpenSshClient.CreateAsync();
        using var bob = await OpenSshClient.CreateAsync();
        using var carol = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishWithOptionsAsync(owner, $"{name}:7000:127.0.0.1:{service.Port}", $"allow-accounts={bob.Identity.Fingerprint}");

        var result = await carol.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("administratively prohibited", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"is not open to account '{carol.Identity.Fingerprint}'", result.Stderr, StringComparison.Ordinal);
        Assert.False(publisher.HasExited, "the owner's session must survive a refused visitor");
    }

    [Fact]
    public async Task Tunnel_WithoutAllowAccounts_OtherAccountRefused()
    {
        using var service = new TcpEchoServer("hello from db\n");
        using var owner = await OpenSshClient.CreateAsync();
        using var bob = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(owner, $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");

        var refused = await bob.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);
        var ownerVisit = await owner.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("administratively prohibited", refused.Stderr, StringComparison.Ordinal);
        Assert.True(ownerVisit.ExitCode == 0, ownerVisit.ToString());
        Assert.Contains("hello from db", ownerVisit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TunnelOptions_Unknown_IsReportedAndTheForwardDoesNotServe()
    {
        using var service = new TcpEchoServer("hello from db\n");
        using var owner = await OpenSshClient.CreateAsync();
        var name = UniqueName();

        var result = await owner.RunAsync(
            server.Port,
            extraArgs: ["-R", $"{name}:7000:127.0.0.1:{service.Port}"],
            command: "colour=blue",
            timeout: Timeout);
        var visit = await owner.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("unknown option 'colour'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("allow-accounts=", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from db", visit.Stdout, StringComparison.Ordinal);
        Assert.Contains("open failed", visit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TunnelOptions_ForceHttpsWithoutHttpsAtRelay_IsRefusedNotIgnored()
    {
        using var owner = await OpenSshClient.CreateAsync();
        var name = UniqueName();

        var result = await owner.RunAsync(server.Port, extraArgs: ["-R", $"{name}:80:127.0.0.1:9"], command: "auth=alice:s3cret force-https", timeout: Timeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("force-https needs HTTPS at this relay", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--tls-cert", result.Stderr, StringComparison.Ordinal);
        // The forward waited for the options, so it was never bound: it is refused with them.
        await server.Output.WaitForTextAsync("reason=the session's tunnel options were refused: force-https needs HTTPS", Timeout);
    }

    [Fact]
    public async Task OwnerKilledWithSigkill_ReconnectsAtOnce_GetsItsNameBack()
    {
        using var oldService = new TcpEchoServer("old service\n");
        using var newService = new TcpEchoServer("new service\n");
        using var owner = await OpenSshClient.CreateAsync();
        using var other = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        var first = await PublishAsync(owner, $"{name}:7000:127.0.0.1:{oldService.Port}", $"listen {name}:7000,");
        await first.KillHardAsync(Timeout);
        first.Dispose();

        // Another account within the grace time: the name is held for its owner.
        var taken = await other.RunAsync(server.Port, extraArgs: ["-R", $"{name}:7000:127.0.0.1:9"], options: ["ExitOnForwardFailure=yes"], command: "help", timeout: Timeout);
        using var second = await PublishAsync(owner, $"{name}:7000:127.0.0.1:{newService.Port}", $"listen {name}:7000,");
        var visit = await owner.RunAsync(server.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains("remote port forwarding failed", taken.Stderr, StringComparison.Ordinal);
        Assert.True(visit.ExitCode == 0, visit.ToString());
        Assert.Contains("new service", visit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalForward_ToNamedTunnel_Carries200MegabytesEachWayIntact()
    {
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(client, $"{name}:7000:127.0.0.1:{service.Port}", $"listen {name}:7000,");
        var localPort = FreePort.Get();
        using var visitor = await SshForwards.LocalForwardAsync(client, server.Port, [(localPort, $"{name}:7000")], Timeout);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);

        await BulkTransfer.AssertEchoedAsync(tcp, seed: 7, BulkTimeout);
    }

    private static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..12];

    private Task<BackgroundProcess> PublishAsync(OpenSshClient client, string forward, string successText) =>
        SshForwards.PublishAsync(client, server.Port, [forward], [successText], Timeout);

    /// <summary><c>ssh -R FORWARD relay OPTIONS</c>, kept open (stdin stays open), back once the greeting names the allowed accounts.</summary>
    private async Task<BackgroundProcess> PublishWithOptionsAsync(OpenSshClient client, string forward, string options)
    {
        var ssh = client.StartBackground(server.Port, ["ExitOnForwardFailure=yes"], ["-T", "-R", forward], command: options, keepInputOpen: true);
        try
        {
            await WaitFor.ConditionAsync(
                () => ssh.HasExited || ssh.Output.Contains("other accounts allowed: "),
                Timeout,
                "the session's greeting to name the allowed accounts");
            return ssh.HasExited ? throw new InvalidOperationException($"ssh exited before its greeting:\n{ssh.Output}") : ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }
}
