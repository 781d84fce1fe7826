namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderFlagTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryLoad_EqualsAndSpaceSpellings_GiveSameResult()
    {
        var spaced = Load.Ok(["--ssh-listen", "127.0.0.1:22", "--domain", "relay.example"]);
        var joined = Load.Ok(["--ssh-listen=127.0.0.1:22", "--domain=relay.example"]);

        Assert.Equal(spaced.SshListen, joined.SshListen);
        Assert.Equal(spaced.Domain, joined.Domain);
        Assert.Equal("relay.example", joined.Domain);
    }

    [Fact]
    public void TryLoad_EveryContractFlag_IsAcceptedAndStored()
    {
        var key = _dir.Write("host_ed25519", "key");
        var keys = _dir.Write("authorized_keys", "");
        var ca = _dir.Write("ca.pub", "");
        var hocon = _dir.Write("cluster.conf", "");
        var secret = _dir.Write("cluster-secret", "0123456789abcdef0123456789abcdef");
        var data = Path.Combine(_dir.Path, "data");

        var o = Load.Ok(
        [
            "--data-dir", data, "--ssh-listen", "127.0.0.1:2022", "--host-key", key,
            "--authorized-keys", keys, "--trusted-user-ca-keys", ca, "--anonymous",
            "--permit-open", "db.internal:5432", "--domain", "tunnels.example.com",
            "--http-listen", "127.0.0.1:8081", "--tls-listen", "[::1]:8443",
            "--metrics-listen", "127.0.0.1:9465", "--cluster-config", hocon,
            "--cluster-listen", "0.0.0.0:4053", "--seed-node", "akka.tcp://warren@node1:4053",
            "--relay-listen", "0.0.0.0:4054", "--cluster-secret-file", secret, "--drain-timeout", "2m",
        ]);

        Assert.Equal(data, o.DataDir);
        Assert.Equal("127.0.0.1:2022", o.SshListen);
        Assert.Equal([key], o.HostKeys);
        Assert.Equal(keys, o.AuthorizedKeys);
        Assert.Equal(ca, o.TrustedUserCaKeys);
        Assert.True(o.Anonymous);
        Assert.Equal(["db.internal:5432"], o.PermitOpen);
        Assert.Equal("tunnels.example.com", o.Domain);
        Assert.Equal("127.0.0.1:8081", o.HttpListen);
        Assert.Equal("[::1]:8443", o.TlsListen);
        Assert.Equal("127.0.0.1:9465", o.MetricsListen);
        Assert.Equal(hocon, o.ClusterConfig);
        Assert.Equal("0.0.0.0:4053", o.ClusterListen);
        Assert.Equal(["akka.tcp://warren@node1:4053"], o.SeedNodes);
        Assert.Equal("0.0.0.0:4054", o.RelayListen);
        Assert.Equal(secret, o.ClusterSecretFile);
        Assert.Equal(120, o.DrainTimeoutSeconds);
    }

    [Fact]
    public void TryLoad_RelayTlsFlags_AreStored()
    {
        var cert = _dir.Write("relay.crt", "");
        var key = _dir.Write("relay.key", "");
        var ca = _dir.Write("ca.crt", "");

        var o = Load.Ok(["--relay-tls-cert", cert, "--relay-tls-key", key, "--relay-tls-ca", ca]);

        Assert.Equal(cert, o.RelayTlsCert);
        Assert.Equal(key, o.RelayTlsKey);
        Assert.Equal(ca, o.RelayTlsCa);
    }

    [Fact]
    public void TryLoad_PublicEndpointFlags_AreStored()
    {
        var o = Load.Ok(["--public-ssh-host", "Relay.Example.com", "--public-ssh-port", "22", "--public-http-port", "80", "--public-tls-port", "443"]);

        Assert.Equal("relay.example.com", o.PublicSshHost);
        Assert.Equal(22, o.PublicSshPort);
        Assert.Equal(80, o.PublicHttpPort);
        Assert.Equal(443, o.PublicTlsPort);
    }

    [Fact]
    public void TryLoad_TransportFlags_AreParsed()
    {
        var o = Load.Ok(
        [
            "--kex-algorithms", "curve25519-sha256,mlkem768x25519-sha256",
            "--ciphers=aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
            "--macs", "hmac-sha2-256-etm@openssh.com",
            "--host-key-algorithms", "ssh-ed25519",
            "--rekey-limit", "1K 30s", "--login-grace-time", "2m", "--max-packet-size", "64K",
        ]);

        Assert.Equal(["curve25519-sha256", "mlkem768x25519-sha256"], o.KexAlgorithms);
        Assert.Equal(["aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"], o.Ciphers);
        Assert.Equal(["hmac-sha2-256-etm@openssh.com"], o.Macs);
        Assert.Equal(["ssh-ed25519"], o.HostKeyAlgorithms);
        Assert.Equal(1024, o.RekeyLimitBytes);
        Assert.Equal(30, o.RekeyLimitSeconds);
        Assert.Equal(120, o.LoginGraceTimeSeconds);
        Assert.Equal(65536, o.MaxPacketSize);
    }

    [Fact]
    public void TryLoad_ZeroGraceAndNoRekeyTime_GiveNeverTimeSpans()
    {
        var o = Load.Ok(["--login-grace-time", "0", "--rekey-limit", "1G none"]);

        Assert.Equal(Timeout.InfiniteTimeSpan, o.LoginGraceTime);
        Assert.Equal(TimeSpan.MaxValue, o.RekeyInterval);
    }

    [Fact]
    public void TryLoad_Defaults_GiveSshdTimeSpans()
    {
        var o = Load.Ok([]);

        Assert.Equal(TimeSpan.FromSeconds(120), o.LoginGraceTime);
        Assert.Equal(TimeSpan.FromHours(1), o.RekeyInterval);
    }

    [Fact]
    public void TryLoad_RepeatedHostKey_CollectsAllInOrder()
    {
        var a = _dir.Write("a", "a");
        var b = _dir.Write("b", "b");

        var o = Load.Ok(["--host-key", a, "--host-key=" + b]);

        Assert.Equal([a, b], o.HostKeys);
    }

    [Fact]
    public void TryLoad_RepeatedPermitOpenAndSeedNode_CollectsAll()
    {
        var o = Load.Ok(
        [
            "--permit-open", "db:5432", "--permit-open", "[::1]:80",
            "--seed-node", "akka.tcp://warren@10.1.0.1:4053", "--seed-node", "akka.tcp://warren@node2:4053",
        ]);

        Assert.Equal(["db:5432", "[::1]:80"], o.PermitOpen);
        Assert.Equal(["akka.tcp://warren@10.1.0.1:4053", "akka.tcp://warren@node2:4053"], o.SeedNodes);
    }

    [Fact]
    public void TryLoad_PermitOpenAny_IsStoredAlone()
    {
        Assert.Equal(["any"], Load.Ok(["--permit-open", "any"]).PermitOpen);
    }

    [Fact]
    public void TryLoad_AnonymousEqualsFalse_TurnsItOff()
    {
        Assert.False(Load.Ok(["--anonymous=false"]).Anonymous);
    }

    [Fact]
    public void TryLoad_AnonymousFollowedByFlag_DoesNotTakeItAsValue()
    {
        var o = Load.Ok(["--anonymous", "--domain", "a.example"]);

        Assert.True(o.Anonymous);
        Assert.Equal("a.example", o.Domain);
    }

    [Fact]
    public void TryLoad_RelativeDataDir_IsMadeAbsolute()
    {
        Assert.Equal(Path.GetFullPath("some/dir"), Load.Ok(["--data-dir", "some/dir"]).DataDir);
    }

    [Theory]
    [InlineData("0.0.0.0:0", "0.0.0.0:0")]
    [InlineData("127.0.0.1:65535", "127.0.0.1:65535")]
    [InlineData("[::]:2222", "[::]:2222")]
    [InlineData("[::1]:22", "[::1]:22")]
    [InlineData("localhost:2222", "localhost:2222")]
    [InlineData("relay-1.example.com:22", "relay-1.example.com:22")]
    public void TryLoad_ValidListenAddress_IsAccepted(string given, string stored)
    {
        Assert.Equal(stored, Load.Ok(["--ssh-listen", given]).SshListen);
    }
}
