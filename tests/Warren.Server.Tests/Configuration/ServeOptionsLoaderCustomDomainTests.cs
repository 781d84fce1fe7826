namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderCustomDomainTests
{
    [Fact]
    public void TryLoad_CustomDomains_LowercaseHostToAccount()
    {
        var options = Load.Ok(["--custom-domain", "App.Example.COM=alice", "--custom-domain", " shop.example.org = bob "]);

        Assert.Equal("alice", options.CustomDomains["app.example.com"]);
        Assert.Equal("bob", options.CustomDomains["shop.example.org"]);
        Assert.Equal(2, options.CustomDomains.Count);
    }

    [Fact]
    public void TryLoad_CustomDomainsFromEnvironmentList_Read()
    {
        var options = Load.Ok([], Load.Env(("WARREN__Edge__CustomDomains__0", "app.example.com=alice")));

        Assert.Equal("alice", options.CustomDomains["app.example.com"]);
    }

    [Theory]
    [InlineData("app.example.com", "is not HOST=ACCOUNT")]
    [InlineData("app.example.com=", "is not HOST=ACCOUNT")]
    [InlineData("app_1.example.com=alice", "is not a host name")]
    [InlineData("=alice", "is not a host name")]
    [InlineData("app.localhost=alice", "is under --domain localhost")]
    [InlineData("localhost=alice", "is under --domain localhost")]
    public void TryLoad_BadCustomDomain_NamesFlagAndFix(string value, string expected)
    {
        var error = Load.Error(["--custom-domain", value]);

        Assert.StartsWith("--custom-domain: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_CustomDomainUnderConfiguredDomain_Refused()
    {
        var error = Load.Error(["--domain", "tunnels.example.com", "--custom-domain", "a.tunnels.example.com=alice"]);

        Assert.Contains("is under --domain tunnels.example.com", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_OneHostForTwoAccounts_Refused()
    {
        var error = Load.Error(["--custom-domain", "app.example.com=alice", "--custom-domain", "app.example.com=bob"]);

        Assert.Contains("give it to one account", error, StringComparison.Ordinal);
    }
}
