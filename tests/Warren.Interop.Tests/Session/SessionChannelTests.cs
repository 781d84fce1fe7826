using System.Text.Json;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Session;

/// <summary>The session channel through the real OpenSSH client: the greeting shell, exec commands, refusals.</summary>
public sealed class SessionChannelTests(AnonymousWarrenFixture server) : IClassFixture<AnonymousWarrenFixture>
{
    [Fact]
    public async Task Shell_WithoutTerminal_PrintsGreetingAndEndsOnEof()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-T"], command: null);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warren", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Exec_Help_ListsTheCommands()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, command: "help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tunnels", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("status", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_StatusJson_AnswersJsonForScripts()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, command: "status --json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task Exec_TunnelsFromASecondSession_ListsTheFirstSessionsTunnelAtTheRelaysHttpPort()
    {
        using var client = await OpenSshClient.CreateAsync();
        var name = "second" + Guid.NewGuid().ToString("N")[..8];
        using var publisher = await TunnelPublisher.PublishAsync(client, server.Port, [$"{name}:80:127.0.0.1:9"]);

        var result = await client.RunAsync(server.Port, command: "tunnels --json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var tunnel = json.RootElement.GetProperty("tunnels").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        Assert.False(tunnel.GetProperty("thisSession").GetBoolean());
        Assert.Equal($"http://{name}.localhost:{server.HttpPort}/", tunnel.GetProperty("addresses")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Exec_StatusFromASecondSession_CountsBothSessionsOfTheAccount()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, server.Port, [$"count{Guid.NewGuid().ToString("N")[..8]}:80:127.0.0.1:9"]);

        var result = await client.RunAsync(server.Port, command: "status --json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("sessions").GetProperty("count").GetInt32() == 2, result.Stdout);
        Assert.True(json.RootElement.GetProperty("tunnels").GetProperty("count").GetInt32() == 1, result.Stdout);
    }

    [Fact]
    public async Task Exec_UnknownCommand_FailsWithAHint()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, command: "bash -i");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subsystem_Sftp_IsRefused()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-s"], command: "sftp");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("subsystem request failed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectTcpip_BeforeForwardingLands_IsRefusedWithAReason()
    {
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, extraArgs: ["-W", "127.0.0.1:9"], command: null);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("administratively prohibited", result.Stderr, StringComparison.Ordinal);
    }
}
