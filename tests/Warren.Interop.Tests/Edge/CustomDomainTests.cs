using System.Globalization;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// <c>--custom-domain app.example.test=alice</c>: alice binds the whole host with the real ssh and
/// visitors reach it by Host; another account's bind is refused with the reason. Accounts are the
/// file names of an authorized_keys directory.
/// </summary>
public sealed class CustomDomainTests
{
    private const string Domain = "app.example.test";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CustomDomain_BoundByItsAccount_VisitorByHostReachesService()
    {
        using var keys = new TempDirectory("warren-domains-");
        using var alice = await OpenSshClient.CreateAsync();
        await File.WriteAllTextAsync(keys.Combine("alice"), alice.Identity.PublicKey + "\n");
        await using var backend = await EdgeBackend.StartAsync();
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", keys.Path, "--custom-domain", Domain + "=alice"]);
        await WaitFor.PortOpenAsync("127.0.0.1", warren.HttpPort, Timeout);

        using var publisher = await TunnelPublisher.PublishAsync(alice, warren.Port, [$"{Domain}:80:127.0.0.1:{backend.Port}"], user: "alice");
        using var visitor = new EdgeVisitor(warren.HttpPort);
        var text = await visitor.Client.GetStringAsync($"http://APP.example.test:{warren.HttpPort.ToString(CultureInfo.InvariantCulture)}/hello").WaitAsync(Timeout);

        Assert.StartsWith("hello app.example.test", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CustomDomain_BoundByAnotherAccount_RefusedWithReason()
    {
        using var keys = new TempDirectory("warren-domains-");
        using var mallory = await OpenSshClient.CreateAsync();
        await File.WriteAllTextAsync(keys.Combine("mallory"), mallory.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", keys.Path, "--custom-domain", Domain + "=alice"]);

        using var ssh = mallory.StartBackground(warren.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", $"{Domain}:80:127.0.0.1:9"], user: "mallory");
        await WaitFor.ConditionAsync(
            () => ssh.Output.ToString().Contains("remote port forwarding failed", StringComparison.Ordinal),
            Timeout,
            "ssh to report the refused forward");
        await WaitFor.ConditionAsync(
            () => warren.Output.ToString().Contains("app.example.test is a custom domain of another account", StringComparison.Ordinal),
            Timeout,
            "the relay to log the refusal's reason");

        Assert.DoesNotContain("remote forward success", ssh.Output.ToString(), StringComparison.Ordinal);
    }
}
