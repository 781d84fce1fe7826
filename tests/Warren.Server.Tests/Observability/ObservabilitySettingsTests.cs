using Warren.Server.Configuration;
using Warren.Server.Tests.Configuration;

namespace Warren.Server.Tests.Observability;

/// <summary>The settings of issue 7: --log-format, --admin-token-file and the per-tunnel metrics opt-in.</summary>
public sealed class ObservabilitySettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_NoSettings_TextLogsAndAdminOff()
    {
        var o = Load.Ok([]);

        Assert.Equal(LogFormat.Text, o.LogFormat);
        Assert.Null(o.AdminTokenFile);
        Assert.Equal("0.0.0.0:9464", o.MetricsListen);
    }

    [Fact]
    public void TryLoad_FlagsAndEnvironment_AreStored()
    {
        var token = _dir.Write("token", "0123456789abcdef0123456789abcdef\n");

        var fromFlags = Load.Ok(["--log-format", "json", "--admin-token-file", token]);
        var fromEnvironment = Load.Ok([], Load.Env(("WARREN__Logging__Format", "JSON"), ("WARREN__Admin__TokenFile", token)));

        Assert.Equal(LogFormat.Json, fromFlags.LogFormat);
        Assert.Equal(token, fromFlags.AdminTokenFile);
        Assert.Equal(LogFormat.Json, fromEnvironment.LogFormat);
        Assert.Equal(token, fromEnvironment.AdminTokenFile);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("1")]
    [InlineData("")]
    public void TryLoad_UnknownLogFormat_SaysTheChoices(string value)
    {
        var error = Load.Error(["--log-format", value]);

        Assert.Contains("--log-format", error, StringComparison.Ordinal);
        Assert.Contains("write text or json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingTokenFile_SaysHowToMakeOne()
    {
        var error = Load.Error(["--admin-token-file", System.IO.Path.Combine(_dir.Path, "nope")]);

        Assert.Contains("--admin-token-file", error, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 32", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PerTunnelMetrics_OffByDefault_OnWithItsLimitFromFlagsOrEnvironment()
    {
        var none = Load.Ok([]);
        var fromFlags = Load.Ok(["--metrics-per-tunnel", "--metrics-per-tunnel-limit", "7"]);
        var fromEnvironment = Load.Ok([], Load.Env(("WARREN__Metrics__PerTunnel", "true"), ("WARREN__Metrics__PerTunnelLimit", "9")));

        Assert.Equal((false, 50), (none.MetricsPerTunnel, none.MetricsPerTunnelLimit));
        Assert.Equal((true, 7), (fromFlags.MetricsPerTunnel, fromFlags.MetricsPerTunnelLimit));
        Assert.Equal((true, 9), (fromEnvironment.MetricsPerTunnel, fromEnvironment.MetricsPerTunnelLimit));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public void TryLoad_BadPerTunnelLimit_NamesTheFlag(string value)
    {
        Assert.Contains("--metrics-per-tunnel-limit", Load.Error(["--metrics-per-tunnel-limit", value]), StringComparison.Ordinal);
    }
}
