using Warren.Relay.Sessions;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Sessions;

public sealed class SessionTunnelOptionsTests
{
    [Fact]
    public void TryRead_AllowAccounts_ReturnsTheAccounts()
    {
        Assert.True(SessionTunnelOptions.TryRead("allow-accounts=bob,carol", httpsAtEdge: false, out var options, out var problem), problem);
        Assert.Equal(["bob", "carol"], options.AllowAccounts);
    }

    [Fact]
    public void TryRead_AllowAccountsAny_ReturnsAnyAccount()
    {
        Assert.True(SessionTunnelOptions.TryRead("allow-accounts=any", httpsAtEdge: false, out var options, out _));
        Assert.Equal([TunnelState.AnyAccount], options.AllowAccounts);
        Assert.Equal("any account", SessionTunnelOptions.Describe(options.AllowAccounts));
    }

    [Fact]
    public void TryRead_EdgeOptions_Applied()
    {
        Assert.True(SessionTunnelOptions.TryRead("auth=a:b forwarded=off bind=replace", httpsAtEdge: false, out var options, out var problem), problem);
        Assert.Equal("a", options.BasicAuth!.User);
        Assert.False(options.ForwardedHeaders);
        Assert.Equal(BindPolicy.Replace, options.Bind);
    }

    [Fact]
    public void TryRead_ForceHttpsWithoutHttpsAtEdge_IsRefusedWithTheFix()
    {
        Assert.False(SessionTunnelOptions.TryRead("force-https", httpsAtEdge: false, out _, out var problem));
        Assert.Contains("--tls-cert", problem, StringComparison.Ordinal);
        Assert.True(SessionTunnelOptions.TryRead("force-https", httpsAtEdge: true, out var options, out _));
        Assert.True(options.ForceHttps);
    }

    [Fact]
    public void TryRead_Malformed_IsRefusedWithTheParsersReason()
    {
        Assert.False(SessionTunnelOptions.TryRead("allow-accounts=", httpsAtEdge: false, out _, out var problem));
        Assert.Contains("allow-accounts= takes", problem, StringComparison.Ordinal);
    }
}
