namespace Warren.Server.Tests.Configuration;

/// <summary>The edge's request rate per tunnel and the wait for a session's tunnel options.</summary>
public sealed class ServeOptionsLoaderEdgeLimitTests
{
    [Fact]
    public void TryLoad_Defaults_RateOffAndShortOptionsWait()
    {
        var o = Load.Ok([]);

        Assert.Equal(0, o.EdgeRequestsPerSecond);
        Assert.Equal(0, o.EdgeRequestBurst);
        Assert.Equal(300, o.TunnelOptionsWaitMilliseconds);
    }

    [Fact]
    public void TryLoad_Flags_Stored()
    {
        var o = Load.Ok(["--edge-requests-per-second", "50", "--edge-request-burst", "100", "--tunnel-options-wait", "1000"]);

        Assert.Equal(50, o.EdgeRequestsPerSecond);
        Assert.Equal(100, o.EdgeRequestBurst);
        Assert.Equal(1000, o.TunnelOptionsWaitMilliseconds);
    }

    [Fact]
    public void TryLoad_Environment_SetsTheRate()
    {
        var o = Load.Ok([], Load.Env(("WARREN__Edge__RequestsPerSecond", "7")));

        Assert.Equal(7, o.EdgeRequestsPerSecond);
    }

    [Theory]
    [InlineData("--edge-requests-per-second", "-1")]
    [InlineData("--edge-request-burst", "many")]
    [InlineData("--tunnel-options-wait", "5")]
    public void TryLoad_OutOfRange_RefusedNamingTheFlag(string flag, string value)
    {
        Assert.Contains(flag, Load.Error([flag, value]), StringComparison.Ordinal);
    }
}
