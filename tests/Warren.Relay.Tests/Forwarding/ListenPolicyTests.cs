using Warren.Relay.Forwarding;
using Warren.Ssh.Auth;

namespace Warren.Relay.Tests.Forwarding;

public sealed class ListenPolicyTests
{
    private static KeyPermissions Listen(params string[] entries) => new() { PermitListen = entries };

    [Theory]
    [InlineData("myapp", 80u)]
    [InlineData("localhost", 3000u)]
    [InlineData("", 0u)]
    [InlineData("0.0.0.0", 65535u)]
    public void Decide_NoPermitListen_Allowed(string bind, uint port)
    {
        Assert.True(ListenPolicy.Decide(KeyPermissions.Unrestricted, bind, port).IsAllowed);
    }

    [Fact]
    public void Decide_PortForwardingDisabled_RefusedWithReason()
    {
        var decision = ListenPolicy.Decide(new KeyPermissions { PortForwarding = false }, "myapp", 80);

        Assert.False(decision.IsAllowed);
        Assert.StartsWith("port forwarding is disabled for this key", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PortAbove65535_Refused()
    {
        var decision = ListenPolicy.Decide(KeyPermissions.Unrestricted, "myapp", 65536);

        Assert.False(decision.IsAllowed);
        Assert.Contains("out of range", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("myapp", 80u, true)]
    [InlineData("MyApp", 443u, true)]
    [InlineData("myapp", 5432u, true)]
    [InlineData("other", 80u, false)]
    [InlineData("localhost", 80u, false)]
    public void Decide_TunnelNameEntry_AllowsThatNameOnAnyPort(string bind, uint port, bool allowed)
    {
        Assert.Equal(allowed, ListenPolicy.Decide(Listen("myapp"), bind, port).IsAllowed);
    }

    [Theory]
    [InlineData("localhost", 8080u, true)]
    [InlineData("", 8080u, true)]
    [InlineData("myapp", 8080u, true)]
    [InlineData("localhost", 8081u, false)]
    [InlineData("localhost", 0u, false)]
    public void Decide_BarePortEntry_MeansAnyHostThatPort(string bind, uint port, bool allowed)
    {
        Assert.Equal(allowed, ListenPolicy.Decide(Listen("8080"), bind, port).IsAllowed);
    }

    [Theory]
    [InlineData("localhost", 8080u, true)]
    [InlineData("LOCALHOST", 8080u, true)]
    [InlineData("127.0.0.1", 8080u, false)]
    [InlineData("localhost", 9090u, false)]
    public void Decide_HostPortEntry_MatchesHostLiterally(string bind, uint port, bool allowed)
    {
        Assert.Equal(allowed, ListenPolicy.Decide(Listen("localhost:8080"), bind, port).IsAllowed);
    }

    [Theory]
    [InlineData("dev-alice", 80u, true)]
    [InlineData("dev-a", 443u, true)]
    [InlineData("prod-alice", 80u, false)]
    [InlineData("dev-", 80u, true)]
    public void Decide_HostPatternEntry_MatchesLikeSshConfig(string bind, uint port, bool allowed)
    {
        Assert.Equal(allowed, ListenPolicy.Decide(Listen("dev-*:*"), bind, port).IsAllowed);
    }

    [Fact]
    public void Decide_QuestionMarkPattern_MatchesOneCharacter()
    {
        var key = Listen("app?:80");

        Assert.True(ListenPolicy.Decide(key, "app1", 80).IsAllowed);
        Assert.False(ListenPolicy.Decide(key, "app12", 80).IsAllowed);
    }

    [Fact]
    public void Decide_StarEntry_AllowsEverythingIncludingAllocatedPorts()
    {
        Assert.True(ListenPolicy.Decide(Listen("*"), "localhost", 0).IsAllowed);
        Assert.True(ListenPolicy.Decide(Listen("*"), "myapp", 80).IsAllowed);
    }

    [Fact]
    public void Decide_PortStarEntry_AllowsAllocatedPort()
    {
        Assert.True(ListenPolicy.Decide(Listen("localhost:*"), "localhost", 0).IsAllowed);
    }

    [Fact]
    public void Decide_V6Entry_MatchesV6Bind()
    {
        Assert.True(ListenPolicy.Decide(Listen("[::1]:8080"), "::1", 8080).IsAllowed);
    }

    [Fact]
    public void Decide_NotListed_ReasonNamesRequestAndEntries()
    {
        var decision = ListenPolicy.Decide(Listen("myapp", "8080"), "other", 80);

        Assert.False(decision.IsAllowed);
        Assert.Equal("this key's permitlisten= does not allow other:80; it allows myapp, 8080", decision.Reason);
    }

    [Fact]
    public void Decide_EmptyPermitListen_RefusesEverything()
    {
        var decision = ListenPolicy.Decide(Listen(), "myapp", 80);

        Assert.False(decision.IsAllowed);
        Assert.EndsWith("it allows nothing", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_IntersectedPermissions_EnforceBoth()
    {
        var file = new KeyPermissions { PermitListen = ["myapp", "mydb"] };
        var certificate = new KeyPermissions { PermitListen = ["myapp"] };

        var both = file.Intersect(certificate);

        Assert.True(ListenPolicy.Decide(both, "myapp", 80).IsAllowed);
        Assert.False(ListenPolicy.Decide(both, "mydb", 5432).IsAllowed);
    }
}
