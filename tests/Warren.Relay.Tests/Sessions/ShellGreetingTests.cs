using Warren.Relay.Sessions;
using static Warren.Relay.Tests.Sessions.SessionFixtures;

namespace Warren.Relay.Tests.Sessions;

public sealed class ShellGreetingTests
{
    [Fact]
    public void Format_WithTunnels_ListsEachAddress()
    {
        var text = ShellGreeting.Format(Session, [MyDb, MyApp], Endpoints);

        Assert.Equal(
            """
            warren: logged in as alice, session s1. This relay forwards ports; it has no shell.
            Your tunnels in this session:
              myapp  http://myapp.example.com:8080/
              mydb   ssh -p 2222 -L 5432:mydb:5432 example.com
                     ssh -p 2222 -W mydb:5432 example.com
            Events (a refused forward, a tunnel taken over) appear below. Closing this connection closes its tunnels.
            Commands: ssh -p 2222 example.com help | tunnels | status (add --json for scripts)

            """,
            text);
    }

    [Fact]
    public void Format_NoTunnels_ShowsHowToPublishOne()
    {
        var text = ShellGreeting.Format(Session, [], Endpoints);

        Assert.Equal(
            """
            warren: logged in as alice, session s1. This relay forwards ports; it has no shell.
            No tunnels in this session yet. Publish one with e.g.
              ssh -p 2222 -R myapp:80:localhost:3000 example.com
            Events (a refused forward, a tunnel taken over) appear below. Closing this connection closes its tunnels.
            Commands: ssh -p 2222 example.com help | tunnels | status (add --json for scripts)

            """,
            text);
    }

    [Fact]
    public void Format_OneTunnel_SaysTunnelInSingular()
    {
        Assert.Contains("Your tunnel in this session:\n", ShellGreeting.Format(Session, [MyApp], Endpoints), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_HostileAccountName_PrintsNoControlCharacters()
    {
        var text = ShellGreeting.Format(Session with { Account = "eve\u001b]0;pwned\u0007" }, [], Endpoints);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
    }

    [Fact]
    public void ForPty_Greeting_EveryLineEndsInCrLf()
    {
        var text = TerminalText.ForPty(ShellGreeting.Format(Session, [MyApp], Endpoints));

        Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void ForPty_AlreadyCrLf_Unchanged()
    {
        Assert.Equal("a\r\nb\r\n", TerminalText.ForPty("a\r\nb\n"));
    }
}
