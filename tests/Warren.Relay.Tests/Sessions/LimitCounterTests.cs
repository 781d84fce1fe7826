using Warren.Relay.Forwarding;
using Warren.Relay.Sessions;

namespace Warren.Relay.Tests.Sessions;

public sealed class LimitCounterTests
{
    [Fact]
    public void SessionLimits_Defaults_AreDocumentedValues()
    {
        var limits = SessionLimits.Default;

        Assert.Equal(1000, limits.ChannelsPerSession);
        Assert.Equal(100, limits.ForwardsPerSession);
        Assert.Equal(100, limits.TunnelsPerAccount);
        Assert.Equal(50, limits.SessionsPerAccount);
        Assert.True(limits.TryValidate(out _));
        Assert.Equal(ChannelOpenFailureCode.ResourceShortage, SessionLimits.FailureCode);
    }

    [Fact]
    public void TryAcquire_AtLimit_RefusesWithReasonAndKeepsCount()
    {
        var counter = new LimitCounter(LimitKind.ChannelsPerSession, SessionLimits.Default with { ChannelsPerSession = 2 });

        Assert.True(counter.TryAcquire(out _));
        Assert.True(counter.TryAcquire(out _));
        Assert.False(counter.TryAcquire(out var reason));

        Assert.Equal(2, counter.Count);
        Assert.Equal(1, counter.Refused);
        Assert.Equal(
            "limit reached: 2 open channels per session; close some connections of this session, or ask the operator to raise Limits:ChannelsPerSession",
            reason);
    }

    [Fact]
    public void Release_AfterRefusal_FreesASlot()
    {
        var counter = new LimitCounter(LimitKind.ForwardsPerSession, SessionLimits.Default with { ForwardsPerSession = 1 });
        Assert.True(counter.TryAcquire(out _));
        Assert.False(counter.TryAcquire(out _));

        counter.Release();

        Assert.True(counter.TryAcquire(out _));
    }

    [Fact]
    public void Release_NothingHeld_Throws()
    {
        var counter = new LimitCounter(LimitKind.SessionsPerAccount, SessionLimits.Default);

        Assert.Throws<InvalidOperationException>(counter.Release);
    }

    [Theory]
    [InlineData(LimitKind.ChannelsPerSession, "1000 open channels per session", "Limits:ChannelsPerSession")]
    [InlineData(LimitKind.ForwardsPerSession, "100 forwards (ssh -R) per session", "Limits:ForwardsPerSession")]
    [InlineData(LimitKind.TunnelsPerAccount, "100 tunnels per account", "Limits:TunnelsPerAccount")]
    [InlineData(LimitKind.SessionsPerAccount, "50 sessions per account", "Limits:SessionsPerAccount")]
    public void RefusalText_EachLimit_NamesLimitAndSetting(LimitKind kind, string limit, string setting)
    {
        var text = SessionLimits.Default.RefusalText(kind);

        Assert.Contains(limit, text, StringComparison.Ordinal);
        Assert.EndsWith("raise " + setting, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_ZeroLimit_NamesTheSetting()
    {
        Assert.False((SessionLimits.Default with { TunnelsPerAccount = 0 }).TryValidate(out var error));
        Assert.Equal("Limits:TunnelsPerAccount is 0; it must be at least 1", error);
    }
}
