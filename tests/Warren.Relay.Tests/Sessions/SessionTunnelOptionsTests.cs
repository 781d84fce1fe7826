using Warren.Relay.Sessions;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Sessions;

public sealed class SessionTunnelOptionsTests
{
    [Fact]
    public void TryRead_AllowAccounts_ReturnsTheAccounts()
    {
        Assert.True(SessionTunnelOptions.TryRead("allow-accounts=bob,carol", out var accounts, out var problem), problem);
        Assert.Equal(["bob", "carol"], accounts);
    }

    [Fact]
    public void TryRead_AllowAccountsAny_ReturnsAnyAccount()
    {
        Assert.True(SessionTunnelOptions.TryRead("allow-accounts=any", out var accounts, out _));
        Assert.Equal([TunnelState.AnyAccount], accounts);
        Assert.Equal("any account", SessionTunnelOptions.Describe(accounts));
    }

    [Fact]
    public void TryRead_EdgeOptionNotAppliedYet_IsRefusedWithItsName()
    {
        Assert.False(SessionTunnelOptions.TryRead("allow-accounts=bob forwarded=on", out var accounts, out var problem));
        Assert.Empty(accounts);
        Assert.Contains("'forwarded' is not applied by this relay yet", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Malformed_IsRefusedWithTheParsersReason()
    {
        Assert.False(SessionTunnelOptions.TryRead("allow-accounts=", out _, out var problem));
        Assert.Contains("allow-accounts= takes", problem, StringComparison.Ordinal);
    }
}
