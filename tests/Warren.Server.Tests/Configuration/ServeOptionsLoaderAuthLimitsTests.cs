namespace Warren.Server.Tests.Configuration;

/// <summary>The authentication and pre-authentication limit settings of issue 3.</summary>
public sealed class ServeOptionsLoaderAuthLimitsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_NoSettings_GivesSshdDefaults()
    {
        var o = Load.Ok([]);

        Assert.Equal(6, o.MaxAuthTries);
        Assert.Equal(100, o.MaxStartups);
        Assert.Equal(10, o.PerSourceMaxStartups);
        Assert.True(o.PerSourcePenalties);
        Assert.Null(o.Banner);
        Assert.Null(o.PasswordFile);
        Assert.Null(o.RevokedKeys);
        Assert.Equal(60, o.ClockSkewSeconds);
        Assert.Equal(TimeSpan.FromMinutes(1), o.ClockSkew);
    }

    [Fact]
    public void TryLoad_EveryNewFlag_IsAcceptedAndStored()
    {
        var banner = _dir.Write("banner.txt", "Authorised use only\n");
        var passwords = _dir.Write("passwords", "");
        var revoked = _dir.Write("revoked", "");

        var o = Load.Ok(
        [
            "--max-auth-tries", "3", "--max-startups", "50", "--per-source-max-startups=4",
            "--per-source-penalties", "no", "--banner", banner, "--password-file", passwords,
            "--revoked-keys", revoked, "--clock-skew", "2m",
        ]);

        Assert.Equal(3, o.MaxAuthTries);
        Assert.Equal(50, o.MaxStartups);
        Assert.Equal(4, o.PerSourceMaxStartups);
        Assert.False(o.PerSourcePenalties);
        Assert.Equal(banner, o.Banner);
        Assert.Equal(passwords, o.PasswordFile);
        Assert.Equal(revoked, o.RevokedKeys);
        Assert.Equal(120, o.ClockSkewSeconds);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void TryLoad_PerSourcePenaltiesValue_IsParsed(string value, bool expected)
    {
        Assert.Equal(expected, Load.Ok(["--per-source-penalties", value]).PerSourcePenalties);
    }

    [Fact]
    public void TryLoad_EnvironmentVariables_AreRead()
    {
        var passwords = _dir.Write("passwords", "");
        var env = Load.Env(
            ("WARREN__Auth__MaxAuthTries", "10"),
            ("WARREN__Auth__PasswordFile", passwords),
            ("WARREN__Auth__ClockSkew", "0"),
            ("WARREN__Ssh__MaxStartups", "20"),
            ("WARREN__Ssh__PerSourceMaxStartups", "2"),
            ("WARREN__Ssh__PerSourcePenalties", "no"));

        var o = Load.Ok([], env);

        Assert.Equal(10, o.MaxAuthTries);
        Assert.Equal(passwords, o.PasswordFile);
        Assert.Equal(0, o.ClockSkewSeconds);
        Assert.Equal(20, o.MaxStartups);
        Assert.Equal(2, o.PerSourceMaxStartups);
        Assert.False(o.PerSourcePenalties);
    }

    [Fact]
    public void TryLoad_JsonFile_IsRead()
    {
        var banner = _dir.Write("banner", "hello");
        var revoked = _dir.Write("revoked_keys", "");
        var file = _dir.Write("warren.json", $$"""
            {
              "Auth": { "MaxAuthTries": 2, "Banner": "{{banner}}", "RevokedKeys": "{{revoked}}", "ClockSkew": 30 },
              "Ssh": { "MaxStartups": 500, "PerSourceMaxStartups": 25, "PerSourcePenalties": false },
            }
            """);

        var o = Load.Ok(["--config", file]);

        Assert.Equal(2, o.MaxAuthTries);
        Assert.Equal(banner, o.Banner);
        Assert.Equal(revoked, o.RevokedKeys);
        Assert.Equal(30, o.ClockSkewSeconds);
        Assert.Equal(500, o.MaxStartups);
        Assert.Equal(25, o.PerSourceMaxStartups);
        Assert.False(o.PerSourcePenalties);
    }

    [Fact]
    public void TryLoad_FlagOverEnvironment_Wins()
    {
        var o = Load.Ok(["--max-auth-tries", "4"], Load.Env(("WARREN__Auth__MaxAuthTries", "9")));

        Assert.Equal(4, o.MaxAuthTries);
    }

    [Theory]
    [InlineData("--max-auth-tries", "0", "'0' is not a whole number from 1 to 100; write e.g. 6")]
    [InlineData("--max-auth-tries", "101", "from 1 to 100")]
    [InlineData("--max-auth-tries", "six", "is not a whole number")]
    [InlineData("--max-auth-tries", "-1", "is not a whole number")]
    [InlineData("--max-startups", "0", "'0' is not a whole number from 1 to 1000000; write e.g. 100")]
    [InlineData("--max-startups", "10:30:100", "is sshd's start:rate:full form, which warren does not support; give the hard limit alone, e.g. 100")]
    [InlineData("--per-source-max-startups", "0", "write e.g. 10")]
    [InlineData("--per-source-max-startups", "lots", "is not a whole number")]
    [InlineData("--per-source-penalties", "maybe", "'maybe' is not true or false")]
    [InlineData("--clock-skew", "soon", "is not a number of seconds")]
    [InlineData("--clock-skew", "2h", "is more than an hour")]
    [InlineData("--banner", "/nonexistent/warren/banner", "file '/nonexistent/warren/banner' does not exist; give the path of a banner text file")]
    [InlineData("--password-file", "/nonexistent/warren/pw", "does not exist; give the path of a password file (make lines with warren hash-password --user NAME)")]
    [InlineData("--revoked-keys", "/nonexistent/warren/revoked", "does not exist; give the path of a file of revoked public keys")]
    public void TryLoad_BadValue_NamesFlagAndFix(string flag, string value, string expected)
    {
        var error = Load.Error([flag, value]);

        Assert.StartsWith(flag + ": ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PerSourcePenaltiesWithoutValue_AsksForYesOrNo()
    {
        Assert.Contains("--per-source-penalties: needs a value; write e.g. --per-source-penalties yes", Load.Error(["--per-source-penalties"]), StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_BadEnvironmentValue_NamesVariable()
    {
        var error = Load.Error([], Load.Env(("WARREN__Auth__MaxAuthTries", "0")));

        Assert.StartsWith("WARREN__Auth__MaxAuthTries: ", error, StringComparison.Ordinal);
    }
}
