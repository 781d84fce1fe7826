namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderEnvironmentTests
{
    [Fact]
    public void TryLoad_SectionedVariables_AreRead()
    {
        var env = Load.Env(
            ("WARREN__Ssh__Listen", "127.0.0.1:2203"),
            ("WARREN__Transport__Ciphers", "aes256-gcm@openssh.com,aes128-ctr"),
            ("WARREN__Transport__RekeyLimit", "100M 5m"),
            ("WARREN__Auth__Anonymous", "yes"),
            ("WARREN__DataDir", "/var/lib/warren"));

        var o = Load.Ok([], env);

        Assert.Equal("127.0.0.1:2203", o.SshListen);
        Assert.Equal(["aes256-gcm@openssh.com", "aes128-ctr"], o.Ciphers);
        Assert.Equal(100L << 20, o.RekeyLimitBytes);
        Assert.Equal(300, o.RekeyLimitSeconds);
        Assert.True(o.Anonymous);
        Assert.Equal("/var/lib/warren", o.DataDir);
    }

    [Fact]
    public void TryLoad_KeyInOtherCase_IsRead()
    {
        Assert.Equal("a.example", Load.Ok([], Load.Env(("WARREN__EDGE__DOMAIN", "a.example"))).Domain);
    }

    [Fact]
    public void TryLoad_IndexedListVariables_AreReadInIndexOrder()
    {
        var env = Load.Env(
            ("WARREN__Forwarding__PermitOpen__10", "c:3"),
            ("WARREN__Forwarding__PermitOpen__2", "b:2"),
            ("WARREN__Forwarding__PermitOpen__0", "a:1"));

        Assert.Equal(["a:1", "b:2", "c:3"], Load.Ok([], env).PermitOpen);
    }

    [Fact]
    public void TryLoad_CommaSeparatedRepeatable_IsSplit()
    {
        var env = Load.Env(("WARREN__Cluster__SeedNodes", "akka.tcp://warren@a:1, akka.tcp://warren@b:2"));

        Assert.Equal(["akka.tcp://warren@a:1", "akka.tcp://warren@b:2"], Load.Ok([], env).SeedNodes);
    }

    [Fact]
    public void TryLoad_ForeignVariables_AreIgnored()
    {
        var env = Load.Env(("WARREN_SERVICE_HOST", "10.0.0.1"), ("WARREN_PORT", "tcp://10.0.0.1:2222"), ("PATH", "/bin"));

        Assert.Equal("0.0.0.0:2222", Load.Ok([], env).SshListen);
    }

    [Theory]
    [InlineData("WARREN__Ssh__Listen", "2222", "WARREN__Ssh__Listen: '2222' is not HOST:PORT; write e.g. 0.0.0.0:2222")]
    [InlineData("WARREN__Ssh__Lsten", "x", "WARREN__Ssh__Lsten: unknown setting (did you mean WARREN__Ssh__Listen?)")]
    [InlineData("WARREN__Nope", "x", "WARREN__Nope: unknown setting; see README.md")]
    [InlineData("WARREN__Ssh__Listen__0", "a:1", "WARREN__Ssh__Listen__0: unknown setting")]
    [InlineData("WARREN__Forwarding__PermitOpen__+1", "a:1", "WARREN__Forwarding__PermitOpen__+1: unknown setting")]
    [InlineData("WARREN__Transport__MaxPacketSize", "12", "WARREN__Transport__MaxPacketSize: '12' is outside 35000 to 16777216 bytes")]
    [InlineData("WARREN__Transport__Ciphers", "", "WARREN__Transport__Ciphers: the list is empty")]
    public void TryLoad_BadVariable_NamesVariableAndFix(string name, string value, string expected)
    {
        Assert.Contains(expected, Load.Error([], Load.Env((name, value))), StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_ListAsWholeAndIndexed_IsRefused()
    {
        var env = Load.Env(("WARREN__Forwarding__PermitOpen", "a:1"), ("WARREN__Forwarding__PermitOpen__0", "b:2"));

        Assert.Contains("use one form", Load.Error([], env), StringComparison.Ordinal);
    }
}
