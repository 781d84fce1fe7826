using System.Net;
using Warren.Relay.Edge;
using Warren.Relay.Tunnels;

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
        Assert.Equal(new BasicAuthCredentials("alice", "s3:cret"), options.BasicAuth);
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32", "192.0.2.9/32"], options.Allow);
        Assert.False(options.ForwardedHeaders);
        Assert.Equal("localhost:3000", options.HostHeader);
        Assert.Equal(2, options.ProxyProtocol);
        Assert.True(options.ForceHttps);
        Assert.Equal(["bob", "carol"], options.AllowAccounts);
        Assert.Equal(BindPolicy.Replace, options.Bind);
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

    [Theory]
    [InlineData("allow=10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("allow=10.0.0.0/8", "11.1.2.3", false)]
    [InlineData("allow=127.0.0.1", "127.0.0.1", true)]
    [InlineData("allow=127.0.0.1", "127.0.0.2", false)]
    [InlineData("allow=127.0.0.1/32", "::ffff:127.0.0.1", true)]
    [InlineData("allow=2001:db8::/32", "2001:db8::5", true)]
    [InlineData("allow=2001:db8::/32,192.0.2.0/24", "192.0.2.77", true)]
    [InlineData("forwarded=off", "198.51.100.1", true)]
    public void AllowsVisitor_ByTheAllowList(string line, string visitor, bool expected)
    {
        Assert.True(EdgeTunnelOptionsParser.TryParse(line, out var options, out var problem), problem);
        Assert.Equal(expected, options.AllowsVisitor(IPAddress.Parse(visitor)));
    }

    [Theory]
    [InlineData("auth=alice:")]
    [InlineData("auth")]
    [InlineData("proxy-protocol=")]
    [InlineData("proxy-protocol=v2")]
    [InlineData("bind")]
    [InlineData("host-header=")]
    [InlineData("force-https=on force-https=off")]
    [InlineData("auth=a:b AUTH=c:d")]
    public void TryParse_EdgeCases_Refused(string line)
    {
        Assert.False(EdgeTunnelOptionsParser.TryParse(line, out var options, out var problem));
        Assert.NotEmpty(problem);
        Assert.Same(EdgeTunnelOptions.Default, options);
    }

    [Fact]
    public void TryParse_TooLong_Refused()
    {
        Assert.False(EdgeTunnelOptionsParser.TryParse("allow=" + new string('1', EdgeTunnelOptionsParser.MaxLength), out _, out var problem));
        Assert.Contains("longer than", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_HidesThePassword()
    {
        Assert.True(EdgeTunnelOptionsParser.TryParse("auth=alice:s3cret forwarded=off proxy-protocol=1", out var options, out _));

        var described = options.Describe();

        Assert.Equal("auth=alice:*** forwarded=off proxy-protocol=1", described);
        Assert.DoesNotContain("s3cret", options.BasicAuth!.ToString(), StringComparison.Ordinal);
    }
}
