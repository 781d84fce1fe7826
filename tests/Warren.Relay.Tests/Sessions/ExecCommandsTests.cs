using System.Text.Json;
using Warren.Relay.Sessions;
using static Warren.Relay.Tests.Sessions.SessionFixtures;

namespace Warren.Relay.Tests.Sessions;

public sealed class ExecCommandsTests
{
    private static ExecResult Run(string command, ExecContext? context = null) =>
        ExecCommands.Run(ExecCommands.Parse(command), context ?? FullContext());

    [Theory]
    [InlineData("help", "Help", false)]
    [InlineData("  HELP  ", "Help", false)]
    [InlineData("--help", "Help", false)]
    [InlineData("", "Help", false)]
    [InlineData("tunnels", "Tunnels", false)]
    [InlineData("tunnels --json", "Tunnels", true)]
    [InlineData("status\t--json", "Status", true)]
    [InlineData("ls -la", "Unknown", false)]
    [InlineData("tcp-alias=true", "Unknown", false)]
    public void Parse_CommandLine_GivesCommandAndJson(string line, string command, bool json)
    {
        var request = ExecCommands.Parse(line);

        Assert.Equal(Enum.Parse<ExecCommand>(command), request.Command);
        Assert.Equal(json, request.Json);
        Assert.Null(request.Problem);
    }

    [Theory]
    [InlineData("help", false)]
    [InlineData("tunnels", true)]
    [InlineData("status --json", true)]
    [InlineData("ls", false)]
    [InlineData("tunnels --all", false)]
    public void NeedsAccount_Command_OnlyForTunnelsAndStatus(string line, bool needs)
    {
        Assert.Equal(needs, ExecCommands.Parse(line).NeedsAccount);
    }

    [Fact]
    public void Parse_OverlongLine_Unknown()
    {
        Assert.Equal(ExecCommand.Unknown, ExecCommands.Parse("help " + new string('x', 300)).Command);
    }

    [Fact]
    public void Run_Help_Snapshot()
    {
        var result = Run("help");

        Assert.Equal(0, result.ExitStatus);
        Assert.Empty(result.Stderr);
        Assert.Equal(
            """
            warren: an SSH tunnel relay. It forwards ports; it has no shell.

            Publish a local service:
              ssh -p 2222 -R myapp:80:localhost:3000 example.com   HTTP at http://myapp.example.com:8080/
              ssh -p 2222 -R myapp:443:localhost:3443 example.com  TLS passthrough at myapp.example.com:8443
              ssh -p 2222 -R mydb:5432:localhost:5432 example.com  alias mydb:5432, reached through the relay
              ssh -p 2222 -R 0:localhost:22 example.com            a TCP port on the relay
            Reach an alias:
              ssh -p 2222 -L 5432:mydb:5432 example.com
              ssh -p 2222 -W mydb:5432 example.com
            Commands (ssh -p 2222 example.com COMMAND):
              help      this text
              tunnels   this account's tunnels, in all its sessions
              status    this session: account, client, counts against the limits
            Add --json to any command for output scripts can read.

            """,
            result.Stdout);
    }

    [Fact]
    public void Run_HelpWithTlsOff_LeavesOutTheTlsExample()
    {
        var context = FullContext() with { Relay = Endpoints with { TlsPort = null } };

        Assert.DoesNotContain("TLS", Run("help", context).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Tunnels_Snapshot()
    {
        var result = Run("tunnels");

        Assert.Equal(0, result.ExitStatus);
        Assert.Equal(
            """
            Tunnels of alice: 3 of 100, served by 2 sessions
            NAME    KIND   SESSION    SINCE              ADDRESS
            myapp   http   s1 (this)  2026-11-25 22:18Z  http://myapp.example.com:8080/
            mydb    alias  s1 (this)  2026-11-25 22:18Z  ssh -p 2222 -L 5432:mydb:5432 example.com
            secure  tls    s2         2026-11-25 20:30Z  secure.example.com:8443

            """,
            result.Stdout);
    }

    [Fact]
    public void Run_TunnelsNone_ShowsHowToPublish()
    {
        Assert.Equal(
            """
            No tunnels for alice. Publish one with e.g.
              ssh -p 2222 -R myapp:80:localhost:3000 example.com

            """,
            Run("tunnels", Context()).Stdout);
    }

    [Fact]
    public void Run_Status_Snapshot()
    {
        var result = Run("status");

        Assert.Equal(0, result.ExitStatus);
        Assert.Equal(
            """
            account   alice
            session   s1 from 203.0.113.7:50123, connected 2026-11-25 22:17:30Z (12m 30s ago)
            channels  3 of 1000 in this session
            forwards  2 of 100 in this session
            tunnels   3 of 100 for the account
            sessions  2 of 50 for the account
            relay     example.com: ssh 2222, http 8080, tls 8443, domain example.com

            """,
            result.Stdout);
    }

    [Fact]
    public void Run_StatusLongSession_ShowsHours()
    {
        var context = FullContext() with { Session = Session with { ConnectedAt = Now.AddHours(-26).AddMinutes(-5) } };

        Assert.Contains("(26h 05m ago)", Run("status", context).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Unknown_PoliteRefusalOnStderr()
    {
        var result = Run("ls -la");

        Assert.Empty(result.Stdout);
        Assert.Equal("warren: this relay has no shell; try `help`\n", result.Stderr);
        Assert.Equal(ExecResult.NotFound, result.ExitStatus);
    }

    [Fact]
    public void Run_UnknownOption_UsageErrorOnStderr()
    {
        var result = Run("tunnels --all");

        Assert.Equal("warren: tunnels takes no arguments but --json; '--all' is not one\n", result.Stderr);
        Assert.Equal(ExecResult.UsageError, result.ExitStatus);
    }

    [Fact]
    public void Run_HelpJson_ListsCommands()
    {
        using var json = Parse(Run("help --json"));

        var names = json.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["help", "tunnels", "status"], names);
        Assert.All(json.RootElement.GetProperty("commands").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("description").GetString())));
    }

    [Fact]
    public void Run_TunnelsJson_HasExpectedFields()
    {
        using var json = Parse(Run("tunnels --json"));
        var root = json.RootElement;

        Assert.Equal("alice", root.GetProperty("account").GetString());
        Assert.Equal(100, root.GetProperty("limit").GetInt32());
        var tunnels = root.GetProperty("tunnels").EnumerateArray().ToArray();
        Assert.Equal(["myapp", "mydb", "secure"], tunnels.Select(t => t.GetProperty("name").GetString()!).ToArray());
        var mydb = tunnels[1];
        Assert.Equal("alias", mydb.GetProperty("kind").GetString());
        Assert.Equal(5432, mydb.GetProperty("port").GetInt32());
        Assert.Equal("s1", mydb.GetProperty("session").GetString());
        Assert.True(mydb.GetProperty("thisSession").GetBoolean());
        Assert.False(tunnels[2].GetProperty("thisSession").GetBoolean());
        Assert.Equal(Now.AddMinutes(-12), mydb.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal("2026-11-25T22:18:00Z", mydb.GetProperty("openedAt").GetString());
        var addresses = mydb.GetProperty("addresses").EnumerateArray()
            .Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("value").GetString())).ToArray();
        Assert.Equal(
            [("ssh-L", "ssh -p 2222 -L 5432:mydb:5432 example.com"), ("ssh-W", "ssh -p 2222 -W mydb:5432 example.com")],
            addresses);
        Assert.Equal("http://myapp.example.com:8080/", tunnels[0].GetProperty("addresses")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Run_TunnelsJsonNone_EmptyArray()
    {
        using var json = Parse(Run("tunnels --json", Context()));

        Assert.Equal(0, json.RootElement.GetProperty("tunnels").GetArrayLength());
    }

    [Fact]
    public void Run_StatusJson_HasExpectedFields()
    {
        using var json = Parse(Run("status --json"));
        var root = json.RootElement;

        Assert.Equal("alice", root.GetProperty("account").GetString());
        var session = root.GetProperty("session");
        Assert.Equal("s1", session.GetProperty("id").GetString());
        Assert.Equal("203.0.113.7:50123", session.GetProperty("client").GetString());
        Assert.Equal(Session.ConnectedAt, session.GetProperty("connectedAt").GetDateTimeOffset());
        Assert.Equal(750, session.GetProperty("uptimeSeconds").GetInt64());
        Assert.Equal((3, 1000), Counted(root, "channels"));
        Assert.Equal((2, 100), Counted(root, "forwards"));
        Assert.Equal((3, 100), Counted(root, "tunnels"));
        Assert.Equal((2, 50), Counted(root, "sessions"));
        var relay = root.GetProperty("relay");
        Assert.Equal("example.com", relay.GetProperty("domain").GetString());
        Assert.Equal(2222, relay.GetProperty("sshPort").GetInt32());
        Assert.Equal(8080, relay.GetProperty("httpPort").GetInt32());
        Assert.Equal(8443, relay.GetProperty("tlsPort").GetInt32());
    }

    [Fact]
    public void Run_StatusJsonTlsOff_TlsPortNull()
    {
        var context = FullContext() with { Relay = Endpoints with { TlsPort = null } };

        using var json = Parse(Run("status --json", context));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("relay").GetProperty("tlsPort").ValueKind);
    }

    [Fact]
    public void Run_UnknownJson_ErrorObjectOnStdout()
    {
        var result = Run("ls --json");

        using var json = Parse(result);
        Assert.Equal("warren: this relay has no shell; try `help`", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(ExecResult.NotFound, result.ExitStatus);
    }

    [Fact]
    public void Run_UsageErrorJson_ErrorObject()
    {
        var result = Run("status --json --verbose");

        using var json = Parse(result);
        Assert.Contains("'--verbose' is not one", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(ExecResult.UsageError, result.ExitStatus);
    }

    [Fact]
    public void Run_JsonWithOddAccount_StillValidJson()
    {
        var context = FullContext() with { Session = Session with { Account = "SHA256:a+b/\"c\"<d>" } };

        using var json = Parse(Run("tunnels --json", context));

        Assert.Equal("SHA256:a+b/\"c\"<d>", json.RootElement.GetProperty("account").GetString());
    }

    [Theory]
    [InlineData("subsystem", "sftp", "warren: no subsystem 'sftp' here; this relay only forwards ports (try `help`)\n")]
    [InlineData("x11-req", null, "warren: X11 forwarding is not offered by this relay\n")]
    [InlineData("auth-agent-req@openssh.com", null, "warren: agent forwarding is not offered by this relay\n")]
    [InlineData("env", "LANG", null)]
    [InlineData("unknown@example.com", null, null)]
    public void TextFor_RefusedRequest_PoliteOrSilent(string request, string? argument, string? expected)
    {
        Assert.Equal(expected, SessionRequestRefusals.TextFor(request, argument));
    }

    private static JsonDocument Parse(ExecResult result)
    {
        Assert.EndsWith("\n", result.Stdout, StringComparison.Ordinal);
        return JsonDocument.Parse(result.Stdout);
    }

    private static (int Count, int Limit) Counted(JsonElement root, string name)
    {
        var element = root.GetProperty(name);
        return (element.GetProperty("count").GetInt32(), element.GetProperty("limit").GetInt32());
    }
}
