using Warren.Server.Configuration;

namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderPrecedenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_NoInput_GivesBuiltInDefaults()
    {
        var options = Load.Ok([]);

        Assert.Equal("0.0.0.0:2222", options.SshListen);
        Assert.Empty(options.HostKeys);
        Assert.Equal(Path.GetFullPath("data"), options.DataDir);
        Assert.Null(options.ConfigFile);
        Assert.Equal(120, options.LoginGraceTimeSeconds);
        Assert.Equal(1L << 30, options.RekeyLimitBytes);
        Assert.Equal(3600, options.RekeyLimitSeconds);
        Assert.Equal(262144, options.MaxPacketSize);
        Assert.Null(options.KexAlgorithms);
        Assert.Null(options.Ciphers);
        Assert.Null(options.Macs);
        Assert.Null(options.HostKeyAlgorithms);
        Assert.Null(options.AuthorizedKeys);
        Assert.Null(options.TrustedUserCaKeys);
        Assert.False(options.Anonymous);
        Assert.Empty(options.PermitOpen);
        Assert.Equal("localhost", options.Domain);
        Assert.Equal("0.0.0.0:8080", options.HttpListen);
        Assert.Null(options.TlsListen);
        Assert.Equal("0.0.0.0:9464", options.MetricsListen);
        Assert.Null(options.ClusterConfig);
        Assert.Null(options.ClusterListen);
        Assert.Empty(options.SeedNodes);
        Assert.Null(options.RelayListen);
    }

    [Fact]
    public void TryLoad_JsonFile_OverridesDefaults()
    {
        var file = _dir.Write("warren.json", """{ "Ssh": { "Listen": "127.0.0.1:2200" }, "Transport": { "RekeyLimit": "512M 10m" } }""");

        var options = Load.Ok(["--config", file]);

        Assert.Equal(file, options.ConfigFile);
        Assert.Equal("127.0.0.1:2200", options.SshListen);
        Assert.Equal(512L << 20, options.RekeyLimitBytes);
        Assert.Equal(600, options.RekeyLimitSeconds);
        Assert.Equal("0.0.0.0:8080", options.HttpListen);
    }

    [Fact]
    public void TryLoad_EnvironmentAndJson_EnvironmentWins()
    {
        var file = _dir.Write("warren.json", """{ "Ssh": { "Listen": "127.0.0.1:2200" }, "Edge": { "Domain": "file.example" } }""");
        var env = Load.Env(("WARREN__Ssh__Listen", "127.0.0.1:2300"));

        var options = Load.Ok(["--config", file], env);

        Assert.Equal("127.0.0.1:2300", options.SshListen);
        Assert.Equal("file.example", options.Domain);
    }

    [Fact]
    public void TryLoad_FlagsEnvironmentAndJson_FlagsWin()
    {
        var file = _dir.Write("warren.json", """{ "Ssh": { "Listen": "127.0.0.1:2200" }, "Transport": { "Ciphers": ["aes128-ctr"] } }""");
        var env = Load.Env(("WARREN__Ssh__Listen", "127.0.0.1:2300"), ("WARREN__Transport__Ciphers", "aes256-ctr"));

        var options = Load.Ok(["--config", file, "--ssh-listen", "127.0.0.1:2400", "--ciphers", "aes256-gcm@openssh.com"], env);

        Assert.Equal("127.0.0.1:2400", options.SshListen);
        Assert.Equal(["aes256-gcm@openssh.com"], options.Ciphers);
    }

    [Fact]
    public void TryLoad_ListInFileAndFlags_FlagsReplaceWholeList()
    {
        var file = _dir.Write("warren.json", """{ "Forwarding": { "PermitOpen": ["db:5432", "cache:6379"] } }""");

        var options = Load.Ok(["--config", file, "--permit-open", "web:80"]);

        Assert.Equal(["web:80"], options.PermitOpen);
    }

    [Fact]
    public void TryLoad_ConfigFileFromEnvironment_IsRead()
    {
        var file = _dir.Write("warren.json", """{ "Edge": { "Domain": "env-file.example" } }""");

        var options = Load.Ok([], Load.Env(("WARREN__Config", file)));

        Assert.Equal(file, options.ConfigFile);
        Assert.Equal("env-file.example", options.Domain);
    }

    [Fact]
    public void TryLoad_ConfigFlagAndEnvironment_FlagFileIsRead()
    {
        var fromFlag = _dir.Write("flag.json", """{ "Edge": { "Domain": "flag.example" } }""");
        var fromEnv = _dir.Write("env.json", """{ "Edge": { "Domain": "env.example" } }""");

        var options = Load.Ok(["--config", fromFlag], Load.Env(("WARREN__Config", fromEnv)));

        Assert.Equal("flag.example", options.Domain);
    }

    [Fact]
    public void TryLoad_BadValueOverriddenByHigherLayer_IsAccepted()
    {
        var env = Load.Env(("WARREN__Ssh__Listen", "not-a-port"));

        var options = Load.Ok(["--ssh-listen", "127.0.0.1:1"], env);

        Assert.Equal("127.0.0.1:1", options.SshListen);
    }
}
