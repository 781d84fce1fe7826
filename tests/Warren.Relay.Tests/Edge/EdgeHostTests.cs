using Warren.Relay.Edge;

namespace Warren.Relay.Tests.Edge;

public sealed class EdgeHostTests
{
    private static readonly Dictionary<string, string> NoCustomDomains = [];
    private static readonly Dictionary<string, string> CustomDomains = new() { ["app.example.test"] = "alice" };

    [Theory]
    [InlineData("web.localhost", "web")]
    [InlineData("WEB.LocalHost", "web")]
    [InlineData("web.localhost:8080", "web")]
    [InlineData("web.localhost.", "web")]
    [InlineData("my-app-2.localhost", "my-app-2")]
    public void TryGetTunnelName_NameUnderDomain_ReturnsLowercaseName(string host, string expected)
    {
        Assert.True(EdgeHost.TryGetTunnelName(host, "localhost", NoCustomDomains, out var name));
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData(".localhost")]
    [InlineData("a.b.localhost")]
    [InlineData("weblocalhost")]
    [InlineData("web.example.com")]
    [InlineData("-web.localhost")]
    [InlineData("we_b.localhost")]
    [InlineData("[::1]:8080")]
    [InlineData("127.0.0.1")]
    [InlineData("")]
    [InlineData(":")]
    public void TryGetTunnelName_NotOneLabelUnderDomain_False(string host)
    {
        Assert.False(EdgeHost.TryGetTunnelName(host, "localhost", NoCustomDomains, out _));
    }

    [Fact]
    public void TryGetTunnelName_MultiLabelDomain_ReturnsName()
    {
        Assert.True(EdgeHost.TryGetTunnelName("app.tunnels.example.com:443", "tunnels.example.com", NoCustomDomains, out var name));
        Assert.Equal("app", name);
    }

    [Theory]
    [InlineData("app.example.test")]
    [InlineData("APP.Example.Test:8080")]
    [InlineData("app.example.test.")]
    public void TryGetTunnelName_CustomDomain_ReturnsWholeHost(string host)
    {
        Assert.True(EdgeHost.TryGetTunnelName(host, "localhost", CustomDomains, out var name));
        Assert.Equal("app.example.test", name);
    }

    [Theory]
    [InlineData("other.example.test")]
    [InlineData("x.app.example.test")]
    public void TryGetTunnelName_UnmappedHost_False(string host)
    {
        Assert.False(EdgeHost.TryGetTunnelName(host, "localhost", CustomDomains, out _));
    }

    [Fact]
    public void TryGetTunnelName_NameUnderDomainWithCustomDomains_StillReturnsLabel()
    {
        Assert.True(EdgeHost.TryGetTunnelName("web.localhost", "localhost", CustomDomains, out var name));
        Assert.Equal("web", name);
    }
}
