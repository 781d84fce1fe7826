using Warren.Relay.Tunnels;

namespace Warren.Server.Tests.Configuration;

/// <summary>ClientAlive, the session and account limits, tunnel-name settings and the idle timeout.</summary>
public sealed class ServeOptionsLoaderSessionSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_Nothing_GivesTheDefaults()
    {
        var o = Load.Ok([]);

        Assert.Equal(15, o.ClientAliveIntervalSeconds);
        Assert.Equal(3, o.ClientAliveCountMax);
        Assert.Equal(1000, o.MaxChannelsPerSession);
        Assert.Equal(100, o.MaxForwardsPerSession);
        Assert.Equal(100, o.MaxTunnelsPerAccount);
        Assert.Equal(50, o.MaxSessionsPerAccount);
        Assert.Equal(BindPolicy.Pool, o.BindPolicy);
        Assert.Equal(60, o.NameGraceTimeSeconds);
        Assert.Null(o.IdleTimeout);
        Assert.True(o.ClientAlive.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(60), o.SendTimeout);
    }

    [Fact]
    public void TryLoad_SendTimeout_ReadOrTurnedOff()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Load.Ok(["--send-timeout", "5"]).SendTimeout);
        Assert.Null(Load.Ok(["--send-timeout", "0"]).SendTimeout);
    }

    [Fact]
    public void TryLoad_Flags_AreRead()
    {
        var o = Load.Ok(
        [
            "--client-alive-interval", "1m", "--client-alive-count-max", "5",
            "--max-channels-per-session", "10", "--max-forwards-per-session", "2",
            "--max-tunnels-per-account", "3", "--max-sessions-per-account", "4",
            "--bind-policy", "replace", "--name-grace-time", "0", "--idle-timeout", "300",
        ]);

        Assert.Equal(TimeSpan.FromMinutes(1), o.ClientAlive.Interval);
        Assert.Equal(5, o.ClientAlive.CountMax);
        Assert.Equal(10, o.Limits.ChannelsPerSession);
        Assert.Equal(2, o.Limits.ForwardsPerSession);
        Assert.Equal(3, o.Limits.TunnelsPerAccount);
        Assert.Equal(4, o.Limits.SessionsPerAccount);
        Assert.Equal(BindPolicy.Replace, o.BindPolicy);
        Assert.Equal(0, o.NameGraceTimeSeconds);
        Assert.Equal(TimeSpan.FromMinutes(5), o.IdleTimeout);
    }

    [Fact]
    public void TryLoad_ClientAliveIntervalZero_TurnsProbesOff()
    {
        Assert.False(Load.Ok(["--client-alive-interval", "0"]).ClientAlive.Enabled);
    }

    [Fact]
    public void TryLoad_Environment_IsRead()
    {
        var o = Load.Ok([], Load.Env(
            ("WARREN__Ssh__ClientAliveInterval", "30"),
            ("WARREN__Limits__SessionsPerAccount", "7"),
            ("WARREN__Tunnels__BindPolicy", "Replace"),
            ("WARREN__Forwarding__IdleTimeout", "10")));

        Assert.Equal(30, o.ClientAliveIntervalSeconds);
        Assert.Equal(7, o.MaxSessionsPerAccount);
        Assert.Equal(BindPolicy.Replace, o.BindPolicy);
        Assert.Equal(TimeSpan.FromSeconds(10), o.IdleTimeout);
    }

    [Fact]
    public void TryLoad_JsonFile_IsReadAndFlagsWin()
    {
        var file = _dir.Write("warren.json", """
            {
              "Ssh": { "ClientAliveInterval": 5, "ClientAliveCountMax": 2 },
              "Limits": { "ChannelsPerSession": 20, "ForwardsPerSession": 3, "TunnelsPerAccount": 4, "SessionsPerAccount": 5 },
              "Tunnels": { "BindPolicy": "replace", "NameGraceTime": "2m" },
              "Forwarding": { "IdleTimeout": 600 }
            }
            """);

        var o = Load.Ok(["--config", file, "--max-channels-per-session", "30"]);

        Assert.Equal(5, o.ClientAliveIntervalSeconds);
        Assert.Equal(2, o.ClientAliveCountMax);
        Assert.Equal(30, o.MaxChannelsPerSession);
        Assert.Equal(3, o.MaxForwardsPerSession);
        Assert.Equal(4, o.MaxTunnelsPerAccount);
        Assert.Equal(5, o.MaxSessionsPerAccount);
        Assert.Equal(BindPolicy.Replace, o.BindPolicy);
        Assert.Equal(120, o.NameGraceTimeSeconds);
        Assert.Equal(600, o.IdleTimeoutSeconds);
    }

    [Theory]
    [InlineData("--client-alive-interval", "often", "is not a number of seconds")]
    [InlineData("--client-alive-count-max", "0", "'0' is not a whole number from 1 to 100; write e.g. 3")]
    [InlineData("--max-channels-per-session", "0", "write e.g. 1000")]
    [InlineData("--max-forwards-per-session", "many", "is not a whole number")]
    [InlineData("--max-tunnels-per-account", "-1", "is not a whole number")]
    [InlineData("--max-sessions-per-account", "0", "write e.g. 50")]
    [InlineData("--bind-policy", "share", "'share' is not a bind policy; write pool")]
    [InlineData("--name-grace-time", "later", "is not a number of seconds")]
    [InlineData("--idle-timeout", "forever", "is not a number of seconds")]
    public void TryLoad_BadValue_NamesFlagAndFix(string flag, string value, string expected)
    {
        var error = Load.Error([flag, value]);

        Assert.StartsWith(flag + ": ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
