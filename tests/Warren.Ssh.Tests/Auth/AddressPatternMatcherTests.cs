using System.Net;
using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

public sealed class AddressPatternMatcherTests
{
    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10", true)]
    [InlineData("192.168.1.10", "192.168.1.11", false)]
    [InlineData("192.168.*", "192.168.200.7", true)]
    [InlineData("192.168.*", "192.169.0.1", false)]
    [InlineData("10.0.0.?", "10.0.0.7", true)]
    [InlineData("10.0.0.?", "10.0.0.17", false)]
    [InlineData("*", "203.0.113.9", true)]
    [InlineData("*", "2001:db8::1", true)]
    [InlineData("2001:db8::*", "2001:db8::42", true)]
    [InlineData("2001:DB8::1", "2001:db8::1", true)]
    [InlineData("2001:0db8:0000::1", "2001:db8::1", true)]
    [InlineData("host.example.com", "192.0.2.1", false)]
    [InlineData("*.example.com", "192.0.2.1", false)]
    public void Matches_SinglePattern_AsSshd(string pattern, string address, bool expected)
    {
        Assert.Equal(expected, AddressPatternMatcher.Matches([pattern], IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.4.0/22", "192.168.7.255", true)]
    [InlineData("192.168.4.0/22", "192.168.8.0", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("203.0.113.5/32", "203.0.113.5", true)]
    [InlineData("203.0.113.5/32", "203.0.113.6", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("fe80::/10", "febf::1", true)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    public void Matches_Cidr_ComparesPrefixBits(string pattern, string address, bool expected)
    {
        Assert.Equal(expected, AddressPatternMatcher.Matches([pattern], IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.1.2.3")]
    [InlineData("10.1.2.*")]
    public void Matches_Ipv4MappedIpv6Address_TreatedAsIpv4(string pattern)
    {
        var mapped = IPAddress.Parse("::ffff:10.1.2.3");

        Assert.True(AddressPatternMatcher.Matches([pattern], mapped));
        Assert.False(AddressPatternMatcher.Matches(["!" + pattern, "*"], mapped));
    }

    [Fact]
    public void Matches_MappedLiteralPattern_MatchesPlainIpv4()
    {
        Assert.True(AddressPatternMatcher.Matches(["::ffff:10.1.2.3"], IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void Matches_ScopedLinkLocalAddress_MatchesWithoutScope()
    {
        var scoped = IPAddress.Parse("fe80::1%2");

        Assert.True(AddressPatternMatcher.Matches(["fe80::1"], scoped));
        Assert.True(AddressPatternMatcher.Matches(["fe80::/64"], scoped));
    }

    [Fact]
    public void Matches_NegatedMatch_DeniesWhateverElseMatches()
    {
        var address = IPAddress.Parse("10.1.2.3");

        Assert.False(AddressPatternMatcher.Matches(["10.0.0.0/8", "!10.1.2.3"], address));
        Assert.False(AddressPatternMatcher.Matches(["!10.1.*", "*"], address));
        Assert.False(AddressPatternMatcher.Matches(["*", "!10.1.0.0/16"], address));
    }

    [Fact]
    public void Matches_NegatedPatternNotMatching_NeedsAPositiveMatch()
    {
        var address = IPAddress.Parse("10.9.9.9");

        Assert.True(AddressPatternMatcher.Matches(["10.0.0.0/8", "!10.1.2.3"], address));
        Assert.False(AddressPatternMatcher.Matches(["!10.1.2.3"], address));
    }

    [Fact]
    public void Matches_EmptyList_Denies()
    {
        Assert.False(AddressPatternMatcher.Matches([], IPAddress.Loopback));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("!2001:db8::/32", true)]
    [InlineData("10.*", true)]
    [InlineData("10.0.0.1/8", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("2001:db8::/129", false)]
    [InlineData("2001:db8::1/32", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/08x", false)]
    [InlineData("fe80::%eth0/64", false)]
    [InlineData("", false)]
    [InlineData("!", false)]
    [InlineData("!!10.0.0.1", false)]
    [InlineData("a b", false)]
    public void TryValidate_Pattern_AcceptsOnlyWellFormed(string pattern, bool expected)
    {
        Assert.Equal(expected, AddressPatternMatcher.TryValidate(pattern, out var error));
        Assert.Equal(expected, error.Length == 0);
    }

    [Theory]
    [InlineData("abc", "a*", true)]
    [InlineData("abc", "*c", true)]
    [InlineData("abc", "a?c", true)]
    [InlineData("abc", "a??c", false)]
    [InlineData("abc", "*b*", true)]
    [InlineData("abc", "**", true)]
    [InlineData("", "*", true)]
    [InlineData("", "?", false)]
    [InlineData("aXbXc", "a*b*c", true)]
    [InlineData("ABC", "abc", true)]
    public void WildcardMatch_Patterns_AsMatchPattern(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, AddressPatternMatcher.WildcardMatch(text, pattern));
    }
}
