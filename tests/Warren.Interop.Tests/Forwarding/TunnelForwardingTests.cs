using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// Named tunnels through the real OpenSSH client: <c>ssh -R name:80:...</c> publishes a service,
/// <c>ssh -L</c> / <c>ssh -W</c> to the name reaches it through a forwarded-tcpip channel.
/// </summary>
public sealed partial class TunnelForwardingTests(ForwardingWarrenFixture server) : IClassFixture<ForwardingWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LocalForward_ToNamedTunnelOfSameAccount_CarriesMegabytesIntact()
    {
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(client, $"{name}:80:127.0.0.1:{service.Port}", $"listen {name}:80,");
        var localPort = FreePort.Get();
        using var visitor = await LocalForwardAsync(client, localPort, $"{name}:80");

        var (sent, received) = await EchoRoundTrip.RunAsync(localPort, 4 * 1024 * 1024, Timeout);

        // The echo ends after our EOF went through both channels, and its EOF came back the same way.
        Assert.Equal(sent.Length, received.Length);
        Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received));
    }

    [Fact]
    public async Task StdioForward_ToTcpAliasTunnel_ReachesTheServiceAndEndsOnEof()
    {
        using var service = new TcpEchoServer("hello from the service\n");
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(client, $"{name}:5432:127.0.0.1:{service.Port}", $"listen {name}:5432,");

        // stdin is closed at once: EOF travels to the service, which closes after its greeting.
        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"{name}:5432"], command: null, timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello from the service", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdioForward_TunnelWhoseServiceIsDown_FailsWithConnectFailed()
    {
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        var nothing = FreePort.Get();
        using var publisher = await PublishAsync(client, $"{name}:80:127.0.0.1:{nothing}", $"listen {name}:80,");

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"{name}:80"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("open failed: connect failed", result.Stderr, StringComparison.Ordinal);
        Assert.False(publisher.HasExited, "the publisher's session must survive one failed channel");
    }

    [Fact]
    public async Task StdioForward_WrongPortOfTunnel_FailsWithTheRightPort()
    {
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(client, $"{name}:5432:127.0.0.1:{service.Port}", $"listen {name}:5432,");

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"{name}:80"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"write {name}:5432", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteForward_WithoutName_GetsAGeneratedNameThatEchoesLocalhost()
    {
        using var service = new TcpEchoServer();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, $"80:127.0.0.1:{service.Port}", $"connect 127.0.0.1:{service.Port}");
        await WaitFor.ConditionAsync(() => GeneratedTunnel().IsMatch(server.Output.ToString()), Timeout, "warren to log the generated name");
        // Tests of one class run one at a time: the latest generated bind is this one.
        var bound = GeneratedTunnel().Matches(server.Output.ToString())[^1];
        var localPort = FreePort.Get();
        using var visitor = await LocalForwardAsync(client, localPort, $"{bound.Groups[1].Value}:80");

        // OpenSSH accepts the forwarded-tcpip channel only if it echoes "localhost" and 80 as sent.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes("ping")).AsTask().WaitAsync(Timeout);
        var reply = new byte[4];
        await tcp.GetStream().ReadExactlyAsync(reply).AsTask().WaitAsync(Timeout);
        Assert.Equal("ping", Encoding.ASCII.GetString(reply));
    }

    [Fact]
    public async Task RemoteForward_WithShell_GreetingShowsTheGeneratedName()
    {
        using var client = await OpenSshClient.CreateAsync();

        // No -N: the session's shell greets with its tunnels; stdin is closed, so it ends at once.
        var result = await client.RunAsync(server.Port, extraArgs: ["-T", "-R", "80:127.0.0.1:9"], command: null, timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        var bound = GeneratedTunnelOf(result.Stdout);
        Assert.True(bound is not null, result.ToString());
        Assert.Contains($"tunnel={bound}", server.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Tunnels_ListsTheForwardsOfThisSession()
    {
        using var client = await OpenSshClient.CreateAsync();
        var name = UniqueName();

        var result = await client.RunAsync(server.Port, extraArgs: ["-R", $"{name}:5432:127.0.0.1:9"], command: "tunnels", timeout: Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteForward_NameOfAnotherAccount_IsRefusedAndSessionGoesOn()
    {
        using var service = new TcpEchoServer();
        using var owner = await OpenSshClient.CreateAsync();
        using var other = await OpenSshClient.CreateAsync();
        var name = UniqueName();
        using var publisher = await PublishAsync(owner, $"{name}:80:127.0.0.1:{service.Port}", $"listen {name}:80,");

        var result = await other.RunAsync(
            server.Port,
            extraArgs: ["-R", $"{name}:80:127.0.0.1:{service.Port}"],
            command: "help",
            timeout: Timeout);

        // Without ExitOnForwardFailure the refusal is a warning and the session carries on.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("remote port forwarding failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("tunnels", result.Stdout, StringComparison.Ordinal);
        await server.Output.WaitForTextAsync("belongs to another account", Timeout);
    }

    [Fact]
    public async Task StdioForward_TunnelThatDoesNotExist_FailsWithAReason()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", $"{UniqueName()}:80"], command: null, timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("open failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a tunnel on this relay", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteForward_NumericPortOnly_IsRefusedForNow()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(
            server.Port,
            ["ExitOnForwardFailure=yes"],
            ["-N", "-R", "0:127.0.0.1:9"],
            command: null,
            timeout: Timeout);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("remote port forwarding failed", result.Stderr, StringComparison.Ordinal);
    }

    private static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..12];

    private Task<BackgroundProcess> PublishAsync(OpenSshClient client, string forward, string successText) =>
        SshForwards.PublishAsync(client, server.Port, [forward], [successText], Timeout);

    private Task<BackgroundProcess> LocalForwardAsync(OpenSshClient client, int localPort, string target) =>
        SshForwards.LocalForwardAsync(client, server.Port, [(localPort, target)], Timeout);

    private static string? GeneratedTunnelOf(string greeting)
    {
        var match = GreetingTunnel().Match(greeting);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"Your tunnel in this session:\n  ([a-z0-9-]+) ")]
    private static partial Regex GreetingTunnel();

    [GeneratedRegex(@"tunnel=(\S+) kind=Http outcome=Bound bind=localhost:80")]
    private static partial Regex GeneratedTunnel();
}
