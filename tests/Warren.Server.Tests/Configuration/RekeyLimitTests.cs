using Warren.Server.Configuration;

namespace Warren.Server.Tests.Configuration;

public sealed class RekeyLimitTests
{
    [Theory]
    [InlineData("1G 1h", 1L << 30, 3600)]
    [InlineData("1G", 1L << 30, 3600)]
    [InlineData("512M", 512L << 20, 3600)]
    [InlineData("1K", 1024, 3600)]
    [InlineData("64k 30s", 65536, 30)]
    [InlineData("16", 16, 3600)]
    [InlineData("4000000", 4000000, 3600)]
    [InlineData("2T", 2L << 40, 3600)]
    [InlineData("default", 1L << 30, 3600)]
    [InlineData("default none", 1L << 30, 0)]
    [InlineData("1G none", 1L << 30, 0)]
    [InlineData("100M 1h30m", 100L << 20, 5400)]
    [InlineData("100M 2w", 100L << 20, 1209600)]
    [InlineData("100M 90", 100L << 20, 90)]
    [InlineData("  1G   10m  ", 1L << 30, 600)]
    public void TryParse_SshdSyntax_GivesBytesAndSeconds(string text, long bytes, int seconds)
    {
        Assert.True(RekeyLimit.TryParse(text, out var limit, out var problem), problem);
        Assert.Equal(new RekeyLimit(bytes, seconds), limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1G 1h 1h")]
    [InlineData("1.5G")]
    [InlineData("G")]
    [InlineData("-1G")]
    [InlineData("15")]
    [InlineData("99999999999T")]
    [InlineData("1G 0")]
    [InlineData("1G 1y")]
    [InlineData("1G 1h30")]
    [InlineData("1G h")]
    [InlineData("1G 9999999999")]
    public void TryParse_BadText_FailsWithFix(string text)
    {
        Assert.False(RekeyLimit.TryParse(text, out _, out var problem));
        Assert.Contains("write e.g.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    [InlineData("2m", 120)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("10S", 10)]
    public void TryParseTime_SshdTimeFormat_GivesSeconds(string text, int seconds)
    {
        Assert.True(SshdSyntax.TryParseTime(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }
}
