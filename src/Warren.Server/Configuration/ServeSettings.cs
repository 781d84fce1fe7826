namespace Warren.Server.Configuration;

/// <summary>
/// Every setting of <c>warren serve</c>, in usage order. The flag spellings of
/// ARCHITECTURE.md are a contract: add settings, never rename one.
/// </summary>
internal static partial class ServeSettings
{
    /// <summary>Upper bound for the connection-count settings; far above what one node can accept.</summary>
    private const int MaxConnections = 1_000_000;

    private const string AlgorithmsHelp = "comma-separated, in preference order (default: built-in list)";

    public static IReadOnlyList<ServeSetting> All { get; } =
    [
        new()
        {
            Flag = "--config", Metavar = "FILE", Key = "Config", Shape = SettingShape.Scalar, AllowedInFile = false,
            Help = "JSON settings file (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a JSON settings file", out var p) ?? Set(() => o.ConfigFile = p),
        },
        new()
        {
            Flag = "--data-dir", Metavar = "DIR", Key = "DataDir", Shape = SettingShape.Scalar,
            Help = "state directory, generated host keys (default: ./data)",
            Apply = (o, v) => SettingValues.Path(v, out var p) ?? Set(() => o.DataDir = p),
        },
        new()
        {
            Flag = "--ssh-listen", Metavar = "HOST:PORT", Key = "Ssh:Listen", Shape = SettingShape.Scalar,
            Help = "SSH listener (default: 0.0.0.0:2222)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:2222", out var s) ?? Set(() => o.SshListen = s),
        },
        new()
        {
            Flag = "--host-key", Metavar = "FILE", Key = "Ssh:HostKeys", Shape = SettingShape.Repeated,
            Help = "private host key, repeatable (default: generated into the data dir)",
            Apply = (o, v) => SettingValues.ExistingFiles(v, "a private host key (make one with warren keygen)", out var p) ?? Set(() => o.HostKeys = p),
        },
        new()
        {
            Flag = "--authorized-keys", Metavar = "FILE|DIR", Key = "Auth:AuthorizedKeys", Shape = SettingShape.Scalar,
            Help = "authorized_keys file (any user) or directory of DIR/<user> (default: none)",
            Apply = (o, v) => AuthorizedKeys(o, v),
        },
        new()
        {
            Flag = "--trusted-user-ca-keys", Metavar = "FILE", Key = "Auth:TrustedUserCAKeys", Shape = SettingShape.Scalar,
            Help = "CA public keys for user certificates (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a file of CA public keys", out var p) ?? Set(() => o.TrustedUserCaKeys = p),
        },
        new()
        {
            Flag = "--anonymous", Metavar = "", Key = "Auth:Anonymous", Shape = SettingShape.Switch,
            Help = "accept any key, hand out random names (default: off)",
            Apply = (o, v) => SettingValues.Boolean(v, out var b) ?? Set(() => o.Anonymous = b),
        },
        new()
        {
            Flag = "--password-file", Metavar = "FILE", Key = "Auth:PasswordFile", Shape = SettingShape.Scalar,
            Help = "enables password auth: lines user:hash from warren hash-password (default: off)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a password file (make lines with warren hash-password --user NAME)", out var p) ?? Set(() => o.PasswordFile = p),
        },
        new()
        {
            Flag = "--revoked-keys", Metavar = "FILE", Key = "Auth:RevokedKeys", Shape = SettingShape.Scalar,
            Help = "sshd RevokedKeys: public keys and certificates refused (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a file of revoked public keys (an empty file revokes none)", out var p) ?? Set(() => o.RevokedKeys = p),
        },
        new()
        {
            Flag = "--max-auth-tries", Metavar = "N", Key = "Auth:MaxAuthTries", Shape = SettingShape.Scalar,
            Help = "sshd MaxAuthTries: failures before disconnect, 1..100 (default: 6)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 100, "6", out var n) ?? Set(() => o.MaxAuthTries = n),
        },
        new()
        {
            Flag = "--banner", Metavar = "FILE", Key = "Auth:Banner", Shape = SettingShape.Scalar,
            Help = "sshd Banner: text sent before authentication (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a banner text file", out var p) ?? Set(() => o.Banner = p),
        },
        new()
        {
            Flag = "--clock-skew", Metavar = "SECONDS", Key = "Auth:ClockSkew", Shape = SettingShape.Scalar,
            Help = "tolerance for certificate validity times, 0..3600 (default: 60)",
            Apply = (o, v) => ClockSkew(o, v),
        },
        new()
        {
            Flag = "--permit-open", Metavar = "HOST:PORT|any", Key = "Forwarding:PermitOpen", Shape = SettingShape.Repeated,
            Help = "real destination -L/-W/-D may reach, repeatable (default: none, only tunnel names)",
            Apply = (o, v) => SettingValues.PermitOpen(v, out var e) ?? Set(() => o.PermitOpen = e),
        },
        new()
        {
            Flag = "--forward-ports", Metavar = "LOW-HIGH", Key = "Forwarding:Ports", Shape = SettingShape.Scalar,
            Help = "relay ports ssh -R PORT:... and -R 0:... may listen on (default: 20000-29999)",
            Apply = (o, v) => SettingValues.PortRange(v, out var r) ?? Set(() => o.ForwardPorts = r),
        },
        new()
        {
            Flag = "--forward-bind", Metavar = "HOST", Key = "Forwarding:BindAddress", Shape = SettingShape.Scalar,
            Help = "address those relay ports bind (default: 0.0.0.0)",
            Apply = (o, v) => SettingValues.BindHost(v, out var h) ?? Set(() => o.ForwardBind = h),
        },
        new()
        {
            Flag = "--domain", Metavar = "NAME", Key = "Edge:Domain", Shape = SettingShape.Scalar,
            Help = "HTTP tunnels are served at <name>.NAME (default: localhost)",
            Apply = (o, v) => SettingValues.Domain(v, out var d) ?? Set(() => o.Domain = d),
        },
        .. PublicEndpointSettings,
        new()
        {
            // After --domain in this table: a custom domain must not lie under it.
            Flag = "--custom-domain", Metavar = "HOST=ACCOUNT", Key = "Edge:CustomDomains", Shape = SettingShape.Repeated,
            Help = "extra host name ACCOUNT may bind as a tunnel name (ssh -R HOST:80:...), repeatable (default: none)",
            Apply = (o, v) => SettingValues.CustomDomains(v, o.Domain, out var m) ?? Set(() => o.CustomDomains = m),
        },
        new()
        {
            Flag = "--http-listen", Metavar = "HOST:PORT", Key = "Edge:HttpListen", Shape = SettingShape.Scalar,
            Help = "HTTP edge listener (default: 0.0.0.0:8080)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:8080", out var s) ?? Set(() => o.HttpListen = s),
        },
        new()
        {
            Flag = "--tls-listen", Metavar = "HOST:PORT", Key = "Edge:TlsListen", Shape = SettingShape.Scalar,
            Help = "TLS edge listener, SNI passthrough (default: off)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:8443", out var s) ?? Set(() => o.TlsListen = s),
        },
        new()
        {
            Flag = "--tls-cert", Metavar = "FILE", Key = "Edge:TlsCert", Shape = SettingShape.Scalar,
            Help = "PEM certificate (wildcard *.domain) for TLS that ends at the relay; re-read on change (default: none, passthrough only)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a PEM certificate file", out var p) ?? Set(() => o.TlsCert = p),
        },
        new()
        {
            Flag = "--tls-key", Metavar = "FILE", Key = "Edge:TlsKey", Shape = SettingShape.Scalar,
            Help = "PEM private key of --tls-cert (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a PEM private key file", out var p) ?? Set(() => o.TlsKey = p),
        },
        new()
        {
            Flag = "--http-header-timeout", Metavar = "SECONDS", Key = "Edge:HeaderTimeout", Shape = SettingShape.Scalar,
            Help = "time a visitor has to send request headers or a ClientHello, 1..3600 (default: 30)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 3600, "30", out var n) ?? Set(() => o.HttpHeaderTimeoutSeconds = n),
        },
        new()
        {
            Flag = "--http-keep-alive", Metavar = "SECONDS", Key = "Edge:KeepAliveTimeout", Shape = SettingShape.Scalar,
            Help = "idle time before a visitor's keep-alive connection closes, 1..86400 (default: 130)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 86400, "130", out var n) ?? Set(() => o.HttpKeepAliveSeconds = n),
        },
        new()
        {
            Flag = "--edge-max-connections-per-address", Metavar = "N", Key = "Edge:MaxConnectionsPerAddress", Shape = SettingShape.Scalar,
            Help = "open edge connections per visitor IPv4 address or IPv6 /64 (default: 256)",
            Apply = (o, v) => SettingValues.Integer(v, 1, MaxConnections, "256", out var n) ?? Set(() => o.EdgeMaxConnectionsPerAddress = n),
        },
        new()
        {
            Flag = "--edge-requests-per-second", Metavar = "N", Key = "Edge:RequestsPerSecond", Shape = SettingShape.Scalar,
            Help = "HTTP requests per second to one tunnel at this node, more get 429; 0 = no limit (default: 0)",
            Apply = (o, v) => SettingValues.Integer(v, 0, 1_000_000, "0", out var n) ?? Set(() => o.EdgeRequestsPerSecond = n),
        },
        new()
        {
            Flag = "--edge-request-burst", Metavar = "N", Key = "Edge:RequestBurst", Shape = SettingShape.Scalar,
            Help = "requests one tunnel may take at once above --edge-requests-per-second; 0 = the same as it (default: 0)",
            Apply = (o, v) => SettingValues.Integer(v, 0, 1_000_000, "0", out var n) ?? Set(() => o.EdgeRequestBurst = n),
        },
        new()
        {
            Flag = "--metrics-listen", Metavar = "HOST:PORT", Key = "Metrics:Listen", Shape = SettingShape.Scalar,
            Help = "/metrics, /healthz, /readyz (default: 0.0.0.0:9464)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:9464", out var s) ?? Set(() => o.MetricsListen = s),
        },
        new()
        {
            Flag = "--admin-token-file", Metavar = "FILE", Key = "Admin:TokenFile", Shape = SettingShape.Scalar,
            Help = "bearer token for the admin API on the metrics port (default: none, admin API off)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a file holding the admin token (e.g. openssl rand -hex 32 > FILE)", out var p) ?? Set(() => o.AdminTokenFile = p),
        },
        new()
        {
            Flag = "--log-format", Metavar = "text|json", Key = "Logging:Format", Shape = SettingShape.Scalar,
            Help = "console log format (default: text)",
            Apply = (o, v) => SettingValues.LogFormat(v, out var f) ?? Set(() => o.LogFormat = f),
        },
        new()
        {
            Flag = "--cluster-config", Metavar = "FILE", Key = "Cluster:Config", Shape = SettingShape.Scalar,
            Help = "HOCON file for Akka (default: embedded single-node settings)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a HOCON file (see cluster-config/)", out var p) ?? Set(() => o.ClusterConfig = p),
        },
        new()
        {
            Flag = "--cluster-listen", Metavar = "HOST:PORT", Key = "Cluster:Listen", Shape = SettingShape.Scalar,
            Help = "Akka remoting listener (default: 127.0.0.1 on a free port, a cluster of one)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:4053", out var s) ?? Set(() => o.ClusterListen = s),
        },
        new()
        {
            Flag = "--seed-node", Metavar = "akka.tcp://warren@HOST:PORT", Key = "Cluster:SeedNodes", Shape = SettingShape.Repeated,
            Help = "cluster seed node, repeatable (default: none)",
            Apply = (o, v) => SettingValues.SeedNodes(v, out var n) ?? Set(() => o.SeedNodes = n),
        },
        new()
        {
            Flag = "--relay-listen", Metavar = "HOST:PORT", Key = "Cluster:RelayListen", Shape = SettingShape.Scalar,
            Help = "node-to-node relay link listener (default: the --cluster-listen host, a free port)",
            Apply = (o, v) => SettingValues.Listen(v, "0.0.0.0:4054", out var s) ?? Set(() => o.RelayListen = s),
        },
        new()
        {
            Flag = "--cluster-secret-file", Metavar = "FILE", Key = "Cluster:SecretFile", Shape = SettingShape.Scalar,
            Help = "shared secret the relay links prove, 16+ bytes; needed with seed nodes off loopback (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a file holding the cluster secret (e.g. head -c 32 /dev/urandom > FILE)", out var p) ?? Set(() => o.ClusterSecretFile = p),
        },
        .. RelayTlsSettings,
        new()
        {
            Flag = "--drain-timeout", Metavar = "SECONDS", Key = "Cluster:DrainTimeout", Shape = SettingShape.Scalar,
            Help = "on SIGTERM, wait this long for visitor streams to end before closing sessions (default: 30)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.DrainTimeoutSeconds = s),
        },
        new()
        {
            Flag = "--login-grace-time", Metavar = "SECONDS", Key = "Transport:LoginGraceTime", Shape = SettingShape.Scalar,
            Help = "sshd LoginGraceTime; 0 = no limit (default: 120)",
            Apply = (o, v) => SettingValues.Seconds(v, out var s) ?? Set(() => o.LoginGraceTimeSeconds = s),
        },
        new()
        {
            Flag = "--max-startups", Metavar = "N", Key = "Ssh:MaxStartups", Shape = SettingShape.Scalar,
            Help = "sshd MaxStartups (hard limit): unauthenticated connections at once (default: 100)",
            Apply = (o, v) => Startups(v, "100", out var n) ?? Set(() => o.MaxStartups = n),
        },
        new()
        {
            Flag = "--per-source-max-startups", Metavar = "N", Key = "Ssh:PerSourceMaxStartups", Shape = SettingShape.Scalar,
            Help = "sshd PerSourceMaxStartups: the same per IPv4 address or IPv6 /64 (default: 10)",
            Apply = (o, v) => Startups(v, "10", out var n) ?? Set(() => o.PerSourceMaxStartups = n),
        },
        new()
        {
            Flag = "--per-source-penalties", Metavar = "yes|no", Key = "Ssh:PerSourcePenalties", Shape = SettingShape.Scalar,
            Help = "sshd PerSourcePenalties: refuse sources that keep failing (default: yes)",
            Apply = (o, v) => SettingValues.Boolean(v, out var b) ?? Set(() => o.PerSourcePenalties = b),
        },
        new()
        {
            Flag = "--rekey-limit", Metavar = "\"SIZE [TIME]\"", Key = "Transport:RekeyLimit", Shape = SettingShape.Scalar,
            Help = "sshd RekeyLimit, e.g. \"1G 1h\", \"512M none\" (default: \"1G 1h\")",
            Apply = (o, v) => RekeyLimitValue(o, v),
        },
        new()
        {
            Flag = "--max-packet-size", Metavar = "BYTES", Key = "Transport:MaxPacketSize", Shape = SettingShape.Scalar,
            Help = "refuse larger packets, 35000..16M (default: 262144)",
            Apply = (o, v) => SettingValues.Size(v, 35000, 16L << 20, "262144", out var b) ?? Set(() => o.MaxPacketSize = (int)b),
        },
        new()
        {
            Flag = "--kex-algorithms", Metavar = "LIST", Key = "Transport:KexAlgorithms", Shape = SettingShape.CommaList,
            Help = "sshd KexAlgorithms, " + AlgorithmsHelp,
            Apply = (o, v) => SettingValues.Algorithms(v, "curve25519-sha256,sntrup761x25519-sha512@openssh.com", out var l) ?? Set(() => o.KexAlgorithms = l),
        },
        new()
        {
            Flag = "--ciphers", Metavar = "LIST", Key = "Transport:Ciphers", Shape = SettingShape.CommaList,
            Help = "sshd Ciphers, " + AlgorithmsHelp,
            Apply = (o, v) => SettingValues.Algorithms(v, "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com", out var l) ?? Set(() => o.Ciphers = l),
        },
        new()
        {
            Flag = "--macs", Metavar = "LIST", Key = "Transport:MACs", Shape = SettingShape.CommaList,
            Help = "sshd MACs, " + AlgorithmsHelp,
            Apply = (o, v) => SettingValues.Algorithms(v, "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com", out var l) ?? Set(() => o.Macs = l),
        },
        new()
        {
            Flag = "--host-key-algorithms", Metavar = "LIST", Key = "Transport:HostKeyAlgorithms", Shape = SettingShape.CommaList,
            Help = "sshd HostKeyAlgorithms, " + AlgorithmsHelp,
            Apply = (o, v) => SettingValues.Algorithms(v, "ssh-ed25519,rsa-sha2-512", out var l) ?? Set(() => o.HostKeyAlgorithms = l),
        },
        .. SessionSettings,
        .. MetricsSettings,
    ];

    public static ServeSetting? ByFlag(string flag) =>
        All.FirstOrDefault(s => string.Equals(s.Flag, flag, StringComparison.Ordinal));

    /// <summary>Configuration keys compare without case, as in Microsoft.Extensions.Configuration.</summary>
    public static ServeSetting? ByKey(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="prefix"/> names a section ("Ssh", "Transport", ...).</summary>
    public static bool IsSection(string prefix) =>
        All.Any(s => s.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase));

    private static string? Set(Action store)
    {
        store();
        return null;
    }

    private static string? AuthorizedKeys(ServeOptions options, IReadOnlyList<string> values)
    {
        if (SettingValues.Path(values, out var path) is { } problem)
        {
            return problem;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return $"'{path}' does not exist; give an authorized_keys file or a directory holding one file per user";
        }

        options.AuthorizedKeys = path;
        return null;
    }

    /// <summary>A connection count; sshd's "start:rate:full" form is refused with the number to write instead.</summary>
    private static string? Startups(IReadOnlyList<string> values, string example, out int count)
    {
        count = 0;
        if (values.Count == 1 && values[0].Contains(':', StringComparison.Ordinal))
        {
            return $"'{values[0]}' is sshd's start:rate:full form, which warren does not support; give the hard limit alone, e.g. {example}";
        }

        return SettingValues.Integer(values, 1, MaxConnections, example, out count);
    }

    private static string? ClockSkew(ServeOptions options, IReadOnlyList<string> values)
    {
        if (SettingValues.Seconds(values, out var seconds) is { } problem)
        {
            return problem;
        }

        if (seconds > 3600)
        {
            return $"'{values[0]}' is more than an hour; a certificate's validity should not stretch that far; write e.g. 60";
        }

        options.ClockSkewSeconds = seconds;
        return null;
    }

    private static string? RekeyLimitValue(ServeOptions options, IReadOnlyList<string> values)
    {
        if (SettingValues.Single(values, out var text) is { } problem)
        {
            return problem;
        }

        if (!RekeyLimit.TryParse(text, out var limit, out var reason))
        {
            return reason;
        }

        options.RekeyLimitBytes = limit.Bytes;
        options.RekeyLimitSeconds = limit.Seconds;
        return null;
    }
}
