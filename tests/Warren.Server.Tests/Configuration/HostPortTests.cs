using Warren.Server.Configuration;

namespace Warren.Server.Tests.Configuration;

public sealed class HostPortTests
{
    [Theory]
    [InlineData("127.0.0.1:22", "127.0.0.1", 22)]
    [InlineData("[::1]:2222", "::1", 2222)]
    [InlineData("[fe80::1%2]:22", "fe80::1%2", 22)]
    [InlineData("example.com:0", "example.com", 0)]
    public void Parse_ValidText_GivesHostAndPort(string text, string host, int port)
    {
        var value = HostPort.Parse(text);

        Assert.Equal(host, value.Host);
        Assert.Equal(port, value.Port);
        Assert.Equal(text, value.ToString());
    }

    [Fact]
    public void IsAddress_NameAndLiteral_Differ()
    {
        Assert.True(HostPort.Parse("[::1]:1").IsAddress);
        Assert.True(HostPort.Parse("10.0.0.1:1").IsAddress);
        Assert.False(HostPort.Parse("localhost:1").IsAddress);
    }

    [Fact]
    public void Parse_BadText_ThrowsFormatExceptionWithFix()
    {
        var e = Assert.Throws<FormatException>(() => HostPort.Parse("nope"));

        Assert.Contains("write e.g.", e.Message, StringComparison.Ordinal);
    }
}
