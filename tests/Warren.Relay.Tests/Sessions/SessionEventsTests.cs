using Warren.Relay.Sessions;
using static Warren.Relay.Tests.Sessions.SessionFixtures;

namespace Warren.Relay.Tests.Sessions;

public sealed class SessionEventsTests
{
    [Fact]
    public void TunnelOpened_Alias_StampedWithAddresses()
    {
        Assert.Equal(
            """
            [22:30:00Z] mydb is up (alias):
              mydb  ssh -p 2222 -L 5432:mydb:5432 example.com
                    ssh -p 2222 -W mydb:5432 example.com

            """,
            SessionEvents.TunnelOpened(MyDb, Endpoints, Now));
    }

    [Fact]
    public void ForwardRefused_WithReason_NamesTheForward()
    {
        Assert.Equal(
            "[22:30:00Z] refused -R myapp:80: this key's permitlisten= does not allow myapp:80; it allows mydb\n",
            SessionEvents.ForwardRefused("myapp", 80, "this key's permitlisten= does not allow myapp:80; it allows mydb", Now));
    }

    [Fact]
    public void ForwardRefused_EmptyBindAddress_ShowsPortOnly()
    {
        Assert.StartsWith("[22:30:00Z] refused -R 8080: ", SessionEvents.ForwardRefused(string.Empty, 8080, "x", Now), StringComparison.Ordinal);
    }

    [Fact]
    public void TunnelTakenOver_OtherSession_SaysWhoServesItNow()
    {
        Assert.Equal(
            "[22:30:00Z] myapp was taken over by session s9 of this account; this session no longer serves it.\n",
            SessionEvents.TunnelTakenOver("myapp", "s9", Now));
    }

    [Fact]
    public void TunnelClosed_Name_OneLine()
    {
        Assert.Equal("[22:30:00Z] myapp is closed.\n", SessionEvents.TunnelClosed("myapp", Now));
    }

    [Fact]
    public void Draining_Always_SaysToReconnect()
    {
        Assert.Contains("reconnect", SessionEvents.Draining(Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Stamp_NonUtcTime_PrintedInUtc()
    {
        var local = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(1));

        Assert.StartsWith("[22:30:00Z] ", SessionEvents.TunnelClosed("x", local), StringComparison.Ordinal);
    }
}
