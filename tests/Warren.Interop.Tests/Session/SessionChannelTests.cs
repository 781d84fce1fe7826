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
