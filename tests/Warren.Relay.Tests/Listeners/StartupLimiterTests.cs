using System.Net;
using Warren.Relay.Listeners;

namespace Warren.Relay.Tests.Listeners;

public sealed class StartupLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void TryEnter_PerSourceLimitReached_RefusesThatSourceOnly()
    {
        var limiter = new StartupLimiter(maxStartups: 100, perSourceMaxStartups: 2);

        Assert.True(limiter.TryEnter(Client, out _));
        Assert.True(limiter.TryEnter(Client, out _));

        Assert.False(limiter.TryEnter(Client, out _));
        Assert.True(limiter.TryEnter(IPAddress.Parse("203.0.113.8"), out _));
        Assert.Equal(1, limiter.RefusedPerSource);
        Assert.Equal(0, limiter.RefusedGlobal);
    }

    [Fact]
    public void TryEnter_GlobalLimitReached_RefusesEverySource()
    {
        var limiter = new StartupLimiter(maxStartups: 3, perSourceMaxStartups: 10);
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(limiter.TryEnter(IPAddress.Parse($"192.0.2.{i}"), out _));
        }

        Assert.False(limiter.TryEnter(IPAddress.Parse("192.0.2.99"), out _));
        Assert.Equal(1, limiter.RefusedGlobal);
        Assert.Equal(3, limiter.Active);
    }

    [Fact]
    public void Lease_Disposed_FreesTheSlot()
    {
        var limiter = new StartupLimiter(maxStartups: 1, perSourceMaxStartups: 1);
        Assert.True(limiter.TryEnter(Client, out var lease));
        Assert.False(limiter.TryEnter(Client, out _));

        lease.Dispose();

        Assert.Equal(0, limiter.Active);
        Assert.True(limiter.TryEnter(Client, out _));
    }

    [Fact]
    public void Lease_DisposedTwice_FreesOnlyOneSlot()
    {
        var limiter = new StartupLimiter(maxStartups: 10, perSourceMaxStartups: 10);
        Assert.True(limiter.TryEnter(Client, out var first));
        Assert.True(limiter.TryEnter(Client, out _));

        first.Dispose();
        first.Dispose();

        Assert.Equal(1, limiter.Active);
    }

    [Fact]
    public void Lease_Refused_IsHarmlessToDispose()
    {
        var limiter = new StartupLimiter(maxStartups: 1, perSourceMaxStartups: 1);
        Assert.True(limiter.TryEnter(Client, out _));
        Assert.False(limiter.TryEnter(Client, out var refused));

        refused.Dispose();

        Assert.Equal(1, limiter.Active);
    }

    [Fact]
    public void TryEnter_SameIpv6Slash64_CountsAsOneSource()
    {
        var limiter = new StartupLimiter(maxStartups: 100, perSourceMaxStartups: 1);
        Assert.True(limiter.TryEnter(IPAddress.Parse("2001:db8:0:1::1"), out _));

        Assert.False(limiter.TryEnter(IPAddress.Parse("2001:db8:0:1::2"), out _));
        Assert.True(limiter.TryEnter(IPAddress.Parse("2001:db8:0:2::1"), out _));
    }

    [Fact]
    public void TryEnter_MappedIpv4_CountsAsItsIpv4Address()
    {
        var limiter = new StartupLimiter(maxStartups: 100, perSourceMaxStartups: 1);
        Assert.True(limiter.TryEnter(Client, out _));

        Assert.False(limiter.TryEnter(Client.MapToIPv6(), out _));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Constructor_NonPositiveLimit_Throws(int global, int perSource)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StartupLimiter(global, perSource));
    }

    [Fact]
    public async Task TryEnter_ManyThreads_NeverExceedsLimitsAndReturnsToZero()
    {
        var limiter = new StartupLimiter(maxStartups: 16, perSourceMaxStartups: 4);
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var source = IPAddress.Parse($"192.0.2.{t % 4}");
            for (var i = 0; i < 2000; i++)
            {
                if (limiter.TryEnter(source, out var lease))
                {
                    var now = limiter.Active;
                    InterlockedMax(ref peak, now);
                    lease.Dispose();
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(peak, 1, 16);
        Assert.Equal(0, limiter.Active);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
