using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class PeerRekeyBudgetTests
{
    [Fact]
    public void TrySpend_BurstWithoutTraffic_RefusesTheNextUntilTimeRefills()
    {
        var clock = new ManualClock();
        var budget = new PeerRekeyBudget(new SshTransportSettings { Time = clock });

        for (var i = 0; i < 10; i++)
        {
            Assert.True(budget.TrySpend(100));
        }

        Assert.False(budget.TrySpend(100));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(budget.TrySpend(100));
        Assert.False(budget.TrySpend(100));
    }

    [Fact]
    public void TrySpend_AfterAMegabyteOfTraffic_IsAlwaysFree()
    {
        var budget = new PeerRekeyBudget(new SshTransportSettings { Time = new ManualClock() });

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(budget.TrySpend(1024 * 1024));
        }

        Assert.True(budget.TrySpend(0));
    }
}
