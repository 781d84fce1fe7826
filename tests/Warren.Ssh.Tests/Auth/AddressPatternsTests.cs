using System.Net;
using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

/// <summary>source-address lists and the minimal from= matcher.</summary>
public sealed class AddressPatternsTests
{
    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.1.2.3/32,::1,2001:db8::/48", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("10.0.0.1/8", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/-1", false)]
    [InlineData("10.*", false)]
    [InlineData("example.com", false)]
    [InlineData("10.1", false)]
    [InlineData("", false)]
    [InlineData("10.0.0.1,", false)]
    [InlineData(" 10.0.0.1", false)]
    public void TryParseCidrList_Syntax(string list, bool valid)
    {
        Assert.Equal(valid, AddressPatterns.TryParseCidrList(list, out _));
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10", true)]
    [InlineData("192.0.2.1?", "192.0.2.10", true)]
    [InlineData("192.0.2.1?", "192.0.2.100", false)]
    [InlineData("*", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("!192.0.2.10,*", "192.0.2.10", false)]
    [InlineData("!192.0.2.10", "192.0.2.11", false)]
    [InlineData("!10.0.0.0/8,192.0.2.0/24", "192.0.2.11", true)]
    [InlineData("10.0.0.1/8", "10.0.0.1", false)]
    [InlineData("192.0.2.10", "::ffff:192.0.2.10", true)]
    public void MatchesFromPatterns_Cases(string patterns, string address, bool expected)
    {
        Assert.Equal(expected, AddressPatterns.MatchesFromPatterns([patterns], IPAddress.Parse(address)));
    }
}
