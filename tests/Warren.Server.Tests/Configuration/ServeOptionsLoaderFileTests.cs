namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_FullJsonSchema_IsRead()
    {
        var key = _dir.Write("host_key", "k");
        var file = _dir.Write("warren.json", $$"""
            {
              // comments and trailing commas are allowed
              "DataDir": "{{_dir.Path}}/state",
              "Ssh": { "Listen": "127.0.0.1:2201", "HostKeys": ["{{key}}"] },
              "Transport": {
                "LoginGraceTime": 30,
                "RekeyLimit": "1G none",
                "MaxPacketSize": 65536,
                "KexAlgorithms": ["curve25519-sha256"],
                "Ciphers": "aes128-ctr,aes256-ctr",
                "MACs": ["hmac-sha2-256"],
                "HostKeyAlgorithms": ["ssh-ed25519"],
              },
              "Auth": { "Anonymous": true },
              "Forwarding": { "PermitOpen": ["db:5432"] },
              "Edge": { "Domain": "relay.example", "HttpListen": "127.0.0.1:8081", "TlsListen": null },
              "Metrics": { "Listen": "127.0.0.1:9465" },
              "Cluster": { "Listen": "127.0.0.1:4053", "SeedNodes": ["akka.tcp://warren@127.0.0.1:4053"] },
            }
            """);

        var o = Load.Ok(["--config", file]);

        Assert.Equal(Path.Combine(_dir.Path, "state"), o.DataDir);
        Assert.Equal("127.0.0.1:2201", o.SshListen);
        Assert.Equal([key], o.HostKeys);
        Assert.Equal(30, o.LoginGraceTimeSeconds);
        Assert.Equal(1L << 30, o.RekeyLimitBytes);
        Assert.Equal(0, o.RekeyLimitSeconds);
        Assert.Equal(65536, o.MaxPacketSize);
        Assert.Equal(["curve25519-sha256"], o.KexAlgorithms);
        Assert.Equal(["aes128-ctr", "aes256-ctr"], o.Ciphers);
        Assert.Equal(["hmac-sha2-256"], o.Macs);
        Assert.Equal(["ssh-ed25519"], o.HostKeyAlgorithms);
        Assert.True(o.Anonymous);
        Assert.Equal(["db:5432"], o.PermitOpen);
        Assert.Equal("relay.example", o.Domain);
        Assert.Equal("127.0.0.1:8081", o.HttpListen);
        Assert.Null(o.TlsListen);
        Assert.Equal("127.0.0.1:9465", o.MetricsListen);
        Assert.Equal("127.0.0.1:4053", o.ClusterListen);
        Assert.Equal(["akka.tcp://warren@127.0.0.1:4053"], o.SeedNodes);
    }

    [Fact]
    public void TryLoad_KeysInOtherCase_AreRead()
    {
        var file = _dir.Write("w.json", """{ "ssh": { "listen": "127.0.0.1:2202" }, "transport": { "macs": ["hmac-sha2-512"] } }""");

        var o = Load.Ok(["--config", file]);

        Assert.Equal("127.0.0.1:2202", o.SshListen);
        Assert.Equal(["hmac-sha2-512"], o.Macs);
    }

    [Theory]
    [InlineData("""{ "Ssh": { "Listen": "2222" } }""", ": Ssh:Listen: '2222' is not HOST:PORT; write e.g. 0.0.0.0:2222")]
    [InlineData("""{ "Ssh": { "Lisen": "x" } }""", ": Ssh:Lisen: unknown key (did you mean Ssh:Listen?)")]
    [InlineData("""{ "SshListen": "0.0.0.0:22" }""", ": SshListen: unknown key (did you mean Ssh:Listen?)")]
    [InlineData("""{ "Config": "other.json" }""", ": Config: cannot be set inside the file; use --config or WARREN__Config")]
    [InlineData("""{ "Ssh": { "Listen": ["a:1"] } }""", ": Ssh:Listen: expects a single value, not a list")]
    [InlineData("""{ "Ssh": { "Listen": { "Host": "a" } } }""", ": Ssh:Listen: expects a value, not an object")]
    [InlineData("""{ "Transport": { "Ciphers": [1, {}] } }""", ": Transport:Ciphers: list items must be strings")]
    [InlineData("""{ "Edge": { "Domain": "a.example", "domain": "b.example" } }""", ": Edge:domain: given more than once")]
    [InlineData("""[1, 2]""", ": the top level is not a JSON object")]
    [InlineData("""{ "Ssh": "0.0.0.0:22" }""", ": Ssh: is a section, not a value; write an object, e.g. \"Ssh\": { \"Listen\": ... }")]
    [InlineData("""{ "Ssh": { "Listen": "a:1" """, ": not valid JSON at line 1")]
    [InlineData("""{ "Transport": { "RekeyLimit": "1Q" } }""", ": Transport:RekeyLimit: size '1Q'")]
    [InlineData("""{ "Auth": { "Anonymous": "maybe" } }""", ": Auth:Anonymous: 'maybe' is not true or false")]
    public void TryLoad_BadFile_NamesFileKeyAndFix(string json, string expected)
    {
        var file = _dir.Write("bad.json", json);

        var error = Load.Error(["--config", file]);

        Assert.StartsWith(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_InvalidJsonOnLaterLine_ReportsThatLine()
    {
        var file = _dir.Write("bad.json", "{\n  \"DataDir\": \"x\",\n  oops\n}");

        var error = Load.Error(["--config", file]);

        Assert.Contains("not valid JSON at line 3", error, StringComparison.Ordinal);
        Assert.EndsWith("fix the file", error, StringComparison.Ordinal);
    }
}
