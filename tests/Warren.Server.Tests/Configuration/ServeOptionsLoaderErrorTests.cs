namespace Warren.Server.Tests.Configuration;

public sealed class ServeOptionsLoaderErrorTests
{
    [Theory]
    [InlineData("2222", "--ssh-listen: '2222' is not HOST:PORT; write e.g. 0.0.0.0:2222")]
    [InlineData(":2222", "has no host; write e.g. 0.0.0.0:2222")]
    [InlineData("0.0.0.0:65536", "not a number from 0 to 65535")]
    [InlineData("0.0.0.0:-1", "not a number from 0 to 65535")]
    [InlineData("0.0.0.0:", "not a number from 0 to 65535")]
    [InlineData("0.0.0.0:ssh", "not a number from 0 to 65535")]
    [InlineData("::1:22", "IPv6 address without brackets; write e.g. [::1]:2222")]
    [InlineData("[::1]22", "is not [IPv6]:PORT")]
    [InlineData("[zz]:22", "is not an IPv6 address")]
    [InlineData("256.0.0.1:22", "is not a valid IPv4 address")]
    [InlineData("1.2.3:22", "is not a valid IPv4 address")]
    [InlineData("bad_host:22", "is not a host name")]
    [InlineData("-bad.example:22", "is not a host name")]
    public void TryLoad_BadSshListen_NamesFlagAndFix(string value, string expected)
    {
        var error = Load.Error(["--ssh-listen", value]);

        Assert.StartsWith("--ssh-listen: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("write e.g.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--http-listen", "8080", "write e.g. 0.0.0.0:8080")]
    [InlineData("--tls-listen", "x", "write e.g. 0.0.0.0:8443")]
    [InlineData("--metrics-listen", "9464", "write e.g. 0.0.0.0:9464")]
    [InlineData("--cluster-listen", "4053", "write e.g. 0.0.0.0:4053")]
    [InlineData("--relay-listen", "4054", "write e.g. 0.0.0.0:4054")]
    public void TryLoad_BadOtherListen_NamesThatFlag(string flag, string value, string fix)
    {
        var error = Load.Error([flag, value]);

        Assert.StartsWith(flag + ": ", error, StringComparison.Ordinal);
        Assert.EndsWith(fix, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "--bogus: unknown flag; see warren serve --help")]
    [InlineData(new[] { "--ssh-listn", "x" }, "--ssh-listn: unknown flag (did you mean --ssh-listen?)")]
    [InlineData(new[] { "--ssh-listen" }, "--ssh-listen: needs a value; write e.g. --ssh-listen HOST:PORT")]
    [InlineData(new[] { "--data-dir", "--anonymous" }, "--data-dir: needs a value")]
    [InlineData(new[] { "extra" }, "unexpected argument 'extra'; serve takes only --flags")]
    [InlineData(new[] { "-p", "22" }, "unexpected argument '-p'")]
    [InlineData(new[] { "--domain", "a.example", "--domain", "b.example" }, "--domain: given more than once; give it once")]
    [InlineData(new[] { "--ciphers", "a", "--ciphers", "b" }, "--ciphers: given more than once")]
    [InlineData(new[] { "--anonymous=maybe" }, "--anonymous: 'maybe' is not true or false")]
    [InlineData(new[] { "--anonymous", "yes" }, "--anonymous: takes no value, but 'yes' follows it; write --anonymous or --anonymous=false")]
    public void TryLoad_BadCommandLine_SaysWhatToDo(string[] args, string expected)
    {
        Assert.Contains(expected, Load.Error(args), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ciphers", "+aes128-ctr", "uses sshd's +/-/^ list modifiers")]
    [InlineData("--ciphers", "-aes128-ctr", "uses sshd's +/-/^ list modifiers")]
    [InlineData("--macs", "^hmac-sha1", "uses sshd's +/-/^ list modifiers")]
    [InlineData("--kex-algorithms", "a,,b", "has an empty name")]
    [InlineData("--kex-algorithms", "a b", "is not an algorithm name")]
    [InlineData("--host-key-algorithms", "ssh-ed25519,ssh-ed25519", "'ssh-ed25519' is listed twice")]
    [InlineData("--ciphers", "", "has an empty name")]
    public void TryLoad_BadAlgorithmList_NamesFlagAndFix(string flag, string value, string expected)
    {
        var error = Load.Error([flag, value]);

        Assert.StartsWith(flag + ": ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("e.g.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rekey-limit", "lots", "size 'lots'")]
    [InlineData("--rekey-limit", "8", "below the minimum of 16 bytes")]
    [InlineData("--rekey-limit", "1G 1x", "time '1x'")]
    [InlineData("--rekey-limit", "1G 1h extra", "is not SIZE [TIME]")]
    [InlineData("--login-grace-time", "soon", "is not a number of seconds")]
    [InlineData("--login-grace-time", "-5", "is not a number of seconds")]
    [InlineData("--max-packet-size", "1000", "outside 35000 to 16777216 bytes")]
    [InlineData("--max-packet-size", "1G", "outside 35000 to 16777216 bytes")]
    [InlineData("--max-packet-size", "big", "is not a size in bytes")]
    [InlineData("--domain", "under_score.example", "is not a host name")]
    [InlineData("--public-ssh-host", "under_score.example", "is not a host name")]
    [InlineData("--public-ssh-port", "0", "write e.g. 22")]
    [InlineData("--public-http-port", "http", "write e.g. 80")]
    [InlineData("--public-tls-port", "70000", "write e.g. 443")]
    [InlineData("--permit-open", "db", "(or 'any' to allow every destination)")]
    [InlineData("--seed-node", "warren@node1:4053", "is not akka.tcp://warren@HOST:PORT")]
    [InlineData("--seed-node", "akka.tcp://other@node1:4053", "names actor system 'other', but warren's is 'warren'")]
    [InlineData("--seed-node", "akka.tcp://warren@node1", "is not HOST:PORT")]
    [InlineData("--data-dir", "", "the path is empty")]
    [InlineData("--host-key", "/nonexistent/warren/key", "file '/nonexistent/warren/key' does not exist")]
    [InlineData("--authorized-keys", "/nonexistent/warren/keys", "does not exist; give an authorized_keys file or a directory")]
    [InlineData("--trusted-user-ca-keys", "/nonexistent/warren/ca", "does not exist")]
    [InlineData("--cluster-config", "/nonexistent/warren/c.conf", "does not exist")]
    [InlineData("--relay-tls-cert", "/nonexistent/warren/relay.crt", "does not exist; give the path of a PEM certificate file")]
    [InlineData("--relay-tls-key", "/nonexistent/warren/relay.key", "does not exist; give the path of a PEM private key file")]
    [InlineData("--relay-tls-ca", "/nonexistent/warren/ca.crt", "does not exist; give the path of a PEM file of CA certificates")]
    [InlineData("--config", "/nonexistent/warren/w.json", "does not exist; give the path of a JSON settings file")]
    public void TryLoad_BadValue_NamesFlagAndFix(string flag, string value, string expected)
    {
        var error = Load.Error([flag, value]);

        Assert.StartsWith(flag + ": ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_PermitOpenAnyWithHosts_IsAccepted()
    {
        // 'any' refuses the relay's own loopback; an exact entry opens one such target (DirectTargetPolicy).
        var options = Load.Ok(["--permit-open", "any", "--permit-open", "127.0.0.1:5432"]);

        Assert.Equal(["any", "127.0.0.1:5432"], options.PermitOpen);
    }
}
