using System.Net;
using Warren.Relay.Edge;

namespace Warren.Relay.Tests.Edge;

public sealed class EdgeTunnelOptionsParserTests
{
    [Fact]
    public void TryParse_EveryKnownOption_Applied()
    {
        var ok = EdgeTunnelOptionsParser.TryParse(
            "auth=alice:s3:cret allow=203.0.113.0/24,2001:db8::/32,192.0.2.9 forwarded=off host-header=localhost:3000 proxy-protocol=2 force-https allow-accounts=bob,carol bind=replace",
            out var options,
            out var problem);

        Assert.True(ok, problem);
        Assert.Equal(("alice", "s3:cret"), options.BasicAuth);
        Assert.Equal([IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("192.0.2.9/32")], options.Allow);
        Assert.False(options.ForwardedHeaders);
        Assert.Equal("localhost:3000", options.HostHeader);
        Assert.Equal(2, options.ProxyProtocol);
        Assert.True(options.ForceHttps);
        Assert.Equal(["bob", "carol"], options.AllowAccounts);
        Assert.Equal("replace", options.Bind);
    }

    [Fact]
    public void TryParse_Empty_Defaults()
    {
        Assert.True(EdgeTunnelOptionsParser.TryParse("  ", out var options, out _));
        Assert.Same(EdgeTunnelOptions.Default, options);
    }

    [Theory]
    [InlineData("colour=blue", "unknown option 'colour'")]
    [InlineData("auth=alice", "auth= takes user:password")]
    [InlineData("auth=:pw", "auth= takes user:password")]
    [InlineData("allow=example.com", "'example.com' is not an address")]
    [InlineData("allow=10.0.0.0/33", "'10.0.0.0/33' is not an address")]
    [InlineData("allow=", "allow= takes 1 to")]
    [InlineData("forwarded=maybe", "forwarded= takes on or off")]
    [InlineData("host-header=a/b", "host-header= takes a host name")]
    [InlineData("proxy-protocol=3", "proxy-protocol= takes 1 or 2")]
    [InlineData("force-https=sometimes", "force-https takes no value")]
    [InlineData("bind=steal", "bind= takes pool")]
    [InlineData("allow-accounts=", "allow-accounts= takes")]
    [InlineData("forwarded=off forwarded=on", "given twice")]
    public void TryParse_Malformed_RefusedWithWhatWasWrong(string line, string expected)
    {
        Assert.False(EdgeTunnelOptionsParser.TryParse(line, out var options, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Same(EdgeTunnelOptions.Default, options);
    }

    [Fact]
    public void TryParse_ControlCharactersInUnknownName_ShownPrintable()
    {
        Assert.False(EdgeTunnelOptionsParser.TryParse("\u001b[31m=1", out _, out var problem));
        Assert.DoesNotContain('\u001b', problem);
    }

    [Theory]
    [InlineData("auth=a:b allow=10.0.0.0/8", true)]
    [InlineData("force-https", true)]
    [InlineData("tunnels --json", false)]
    [InlineData("help", false)]
    [InlineData("", false)]
    public void LooksLikeOptions_OnlyForOptionWords(string line, bool expected)
    {
        Assert.Equal(expected, EdgeTunnelOptionsParser.LooksLikeOptions(line));
    }
}
