using Akka.Actor;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

public sealed class CustomDomainTests
{
    private static readonly TunnelNameRules Rules = new(
        TunnelNameRules.DefaultReserved,
        new Dictionary<string, string> { ["app.example.test"] = "alice" });

    [Theory]
    [InlineData("app.example.test")]
    [InlineData("App.Example.TEST")]
    public void TryParse_MappedCustomDomain_WholeHostLowercase(string text)
    {
        Assert.True(TunnelName.TryParse(text, Rules, out var name, out _));
        Assert.Equal("app.example.test", name.Value);
    }

    [Theory]
    [InlineData("other.example.test")]
    [InlineData("example.test")]
    [InlineData("app.example.test.")]
    public void TryParse_UnmappedDottedName_RefusedAsInvalid(string text)
    {
        Assert.False(TunnelName.TryParse(text, Rules, out _, out var reason));
        Assert.Contains("is not a valid tunnel name", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CustomDomainByItsAccount_Passes()
    {
        var bind = BindChecks.Check(Bind("APP.example.test", "alice"), Rules, out var refusal);

        Assert.Null(refusal);
        Assert.Equal("app.example.test", bind?.Name);
    }

    [Fact]
    public void Check_CustomDomainByAnotherAccount_RefusedWithReason()
    {
        Assert.Null(BindChecks.Check(Bind("app.example.test", "mallory"), Rules, out var refusal));
        Assert.Equal("app.example.test is a custom domain of another account", refusal?.Reason);
    }

    [Fact]
    public void Check_LabelWithCustomDomains_Unchanged()
    {
        Assert.NotNull(BindChecks.Check(Bind("web", "mallory"), Rules, out var refusal));
        Assert.Null(refusal);
    }

    private static BindTunnel Bind(string name, string account) =>
        new(name, account, new TunnelBackend(ActorRefs.Nobody, "conn-1", name, 80));
}
