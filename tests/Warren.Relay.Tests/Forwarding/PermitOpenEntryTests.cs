using System.Net;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Tests.Forwarding;

public sealed class PermitOpenEntryTests
{
    [Theory]
    [InlineData("any", "*", null)]
    [InlineData("Any", "*", null)]
    [InlineData("db:5432", "db", 5432)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("db:*", "db", null)]
    [InlineData("*:22", "*", 22)]
    public void TryParse_ValidText_GivesHostAndPort(string text, string host, int? port)
    {
        Assert.True(PermitOpenEntry.TryParse(text, out var entry, out var error), error);
        Assert.Equal(host, entry.Host);
        Assert.Equal(port, entry.Port);
    }

    [Theory]
    [InlineData("any", "any")]
    [InlineData("db:*", "db:*")]
    [InlineData("[::1]:22", "[::1]:22")]
    public void ToString_Parsed_RoundTrips(string text, string expected)
    {
        Assert.True(PermitOpenEntry.TryParse(text, out var entry, out _));
        Assert.Equal(expected, entry.ToString());
    }

    [Fact]
    public void NamesAddress_IpLiteralEntry_MatchesMappedAddress()
    {
        Assert.True(PermitOpenEntry.TryParse("127.0.0.1:6379", out var entry, out _));

        Assert.True(entry.NamesAddress(IPAddress.Parse("::ffff:127.0.0.1"), 6379));
        Assert.False(entry.NamesAddress(IPAddress.Parse("127.0.0.2"), 6379));
    }

    [Fact]
    public void NamesAddress_WildcardOrName_NeverNamesAnAddress()
    {
        Assert.False(PermitOpenEntry.Any.NamesAddress(IPAddress.Loopback, 22));
        Assert.True(PermitOpenEntry.TryParse("localhost:22", out var name, out _));
        Assert.False(name.NamesAddress(IPAddress.Loopback, 22));
    }
}
