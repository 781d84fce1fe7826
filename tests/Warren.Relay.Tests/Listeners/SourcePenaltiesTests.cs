using System.Net;
using Warren.Relay.Listeners;

namespace Warren.Relay.Tests.Listeners;

public sealed class SourcePenaltiesTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    private readonly ManualClock _clock = new();

    private SourcePenalties Create(SourcePenaltyOptions? options = null) => new(options ?? new SourcePenaltyOptions(), _clock);

    [Fact]
    public void IsPenalised_UnknownSource_IsFalseWithZeroRemaining()
    {
        var penalties = Create();

        Assert.False(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.Zero, remaining);
    }

    [Fact]
    public void Penalise_BelowMin_DoesNotRefuse()
    {
        var penalties = Create();

        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);
        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);

        Assert.False(penalties.IsPenalised(Client, out _));
    }

    [Fact]
    public void Penalise_FailuresReachingMin_RefuseForAccruedTime()
    {
        var penalties = Create();

        for (var i = 0; i < 3; i++)
        {
            penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);
        }

        Assert.True(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(15), remaining);
    }

    [Fact]
    public void Penalise_RepeatedFailures_GrowUpToMax()
    {
        var penalties = Create(new SourcePenaltyOptions { Max = TimeSpan.FromSeconds(60) });

        for (var i = 0; i < 100; i++)
        {
            penalties.Penalise(Client, PenaltyKind.GraceTimeExceeded);
        }

        Assert.True(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(60), remaining);
    }

    [Fact]
    public void IsPenalised_AfterPenaltyRunsOut_IsFalseAndForgetsSource()
    {
        var penalties = Create();
        penalties.Penalise(Client, PenaltyKind.ProtocolViolation);
        Assert.True(penalties.IsPenalised(Client, out _));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.False(penalties.IsPenalised(Client, out _));
        Assert.Equal(0, penalties.TrackedSources);
    }

    [Fact]
    public void IsPenalised_TimePasses_RemainingShrinks()
    {
        var penalties = Create();
        penalties.Penalise(Client, PenaltyKind.ProtocolViolation);

        _clock.Advance(TimeSpan.FromSeconds(12));

        Assert.True(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(18), remaining);
    }

    [Fact]
    public void Penalise_AfterEarlierPenaltyExpired_StartsAgainFromZero()
    {
        var penalties = Create();
        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);
        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);
        _clock.Advance(TimeSpan.FromSeconds(11));

        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);

        Assert.False(penalties.IsPenalised(Client, out _));
    }

    [Fact]
    public void Penalise_ActivePenalty_StaysEnforcedUntilItRunsOut()
    {
        var penalties = Create();
        penalties.Penalise(Client, PenaltyKind.ProtocolViolation);
        _clock.Advance(TimeSpan.FromSeconds(25));

        penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);

        Assert.True(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(10), remaining);
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("198.51.100.1", "198.51.100.2", false)]
    [InlineData("198.51.100.1", "::ffff:198.51.100.1", true)]
    public void IsPenalised_OtherAddress_SharesPenaltyOnlyWithinBlock(string penalised, string asked, bool shared)
    {
        var penalties = Create();

        penalties.Penalise(IPAddress.Parse(penalised), PenaltyKind.ProtocolViolation);

        Assert.Equal(shared, penalties.IsPenalised(IPAddress.Parse(asked), out _));
    }

    [Fact]
    public void Penalise_ExemptSource_IsNeverRefused()
    {
        var penalties = Create(new SourcePenaltyOptions { Exempt = [IPNetwork.Parse("127.0.0.0/8")] });

        penalties.Penalise(IPAddress.Loopback, PenaltyKind.ProtocolViolation);

        Assert.False(penalties.IsPenalised(IPAddress.Loopback, out _));
        Assert.Equal(0, penalties.TrackedSources);
    }

    [Fact]
    public void Penalise_MoreSourcesThanMax_EvictsLeastRecentlyPenalised()
    {
        var penalties = Create(new SourcePenaltyOptions { MaxSources = 3 });
        var first = IPAddress.Parse("192.0.2.1");
        penalties.Penalise(first, PenaltyKind.ProtocolViolation);

        for (var i = 2; i <= 10; i++)
        {
            penalties.Penalise(IPAddress.Parse($"192.0.2.{i}"), PenaltyKind.ProtocolViolation);
        }

        Assert.Equal(3, penalties.TrackedSources);
        Assert.False(penalties.IsPenalised(first, out _));
        Assert.True(penalties.IsPenalised(IPAddress.Parse("192.0.2.10"), out _));
    }

    [Fact]
    public void Penalise_Ipv6Flood_DoesNotEvictIpv4Penalties()
    {
        var penalties = Create(new SourcePenaltyOptions { MaxSources = 2 });
        penalties.Penalise(Client, PenaltyKind.ProtocolViolation);

        for (var i = 1; i <= 50; i++)
        {
            penalties.Penalise(IPAddress.Parse($"2001:db8:{i:x}::1"), PenaltyKind.ProtocolViolation);
        }

        Assert.True(penalties.IsPenalised(Client, out _));
        Assert.Equal(3, penalties.TrackedSources);
    }

    [Fact]
    public async Task Penalise_ManyThreads_AccruesEveryEvent()
    {
        var penalties = Create(new SourcePenaltyOptions { Max = TimeSpan.FromDays(1), AuthenticationFailure = TimeSpan.FromSeconds(1) });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                penalties.Penalise(Client, PenaltyKind.AuthenticationFailure);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(penalties.IsPenalised(Client, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(8000), remaining);
    }
}
