using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// One account against another (accounts are key fingerprints, --anonymous): the session
/// commands show only the caller's own tunnels, and a second account cannot take a name over,
/// not even when the relay lets an owner's second bind replace the first (--bind-policy replace).
/// Reaching another account's tunnel is refused in TunnelAccessTests; the edge's 404 lists no
/// names (HttpEdgeTests); the admin API wants its token (AdminApiTests).
/// </summary>
public sealed class TenantIsolationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SessionCommands_OtherAccountsTunnel_NeitherListedNorCounted()
    {
        using var warren = await WarrenProcess.StartAsync(["--anonymous"]);
        using var service = new TcpEchoServer();
        using var owner = await OpenSshClient.CreateAsync();
        using var other = await OpenSshClient.CreateAsync();
        var name = "secret" + Guid.NewGuid().ToString("N")[..10];
        using var publisher = await SshForwards.PublishAsync(owner, warren.Port, [$"{name}:80:127.0.0.1:{service.Port}"], [$"listen {name}:80,"], Timeout);

        var tunnels = await other.RunAsync(warren.Port, command: "tunnels --json", timeout: Timeout);
        var status = await other.RunAsync(warren.Port, command: "status --json", timeout: Timeout);

        Assert.True(tunnels.ExitCode == 0 && status.ExitCode == 0, tunnels + "\n" + status);
        Assert.DoesNotContain(name, tunnels.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(name, status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Identity.Fingerprint, tunnels.Stdout + status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindPolicyReplace_OtherAccountBindsTheName_RefusedAndOwnerKeepsServing()
    {
        using var warren = await WarrenProcess.StartAsync(["--anonymous", "--bind-policy", "replace"]);
        using var ownersService = new TcpEchoServer("owner\n");
        using var thiefsService = new TcpEchoServer("thief\n");
        using var owner = await OpenSshClient.CreateAsync();
        using var thief = await OpenSshClient.CreateAsync();
        var name = "mine" + Guid.NewGuid().ToString("N")[..10];
        using var publisher = await SshForwards.PublishAsync(owner, warren.Port, [$"{name}:7000:127.0.0.1:{ownersService.Port}"], [$"listen {name}:7000,"], Timeout);

        var takeover = await thief.RunAsync(
            warren.Port,
            options: ["ExitOnForwardFailure=yes"],
            extraArgs: ["-N", "-R", $"{name}:7000:127.0.0.1:{thiefsService.Port}"],
            command: null,
            timeout: Timeout);
        var reach = await owner.RunAsync(warren.Port, extraArgs: ["-W", $"{name}:7000"], command: null, timeout: Timeout);

        Assert.NotEqual(0, takeover.ExitCode);
        Assert.Contains("remote port forwarding failed", takeover.Stderr, StringComparison.Ordinal);
        await warren.Output.WaitForTextAsync("belongs to another account", Timeout);
        Assert.Contains("owner", reach.Stdout, StringComparison.Ordinal);
        Assert.False(publisher.HasExited, "the owner's session must survive the attempt");
    }
}
