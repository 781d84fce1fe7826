namespace Warren.Server.Configuration;

/// <summary>
/// The settings of <c>warren serve</c> after layering (defaults, JSON file, environment,
/// flags; see <see cref="ServeOptionsLoader"/>). Names follow sshd_config where one exists.
/// Paths set through the loader are absolute (relative ones are resolved against the
/// working directory); HOST:PORT values are validated and parse with <see cref="HostPort.Parse"/>.
/// </summary>
internal sealed class ServeOptions
{
    /// <summary>The default data directory, relative to the working directory (git-ignored at the repo root).</summary>
    public const string DefaultDataDir = "data";

    /// <summary>The JSON file the settings were read from, if any (--config, WARREN__Config).</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Generated host keys and other state live here (--data-dir, DataDir).</summary>
    public string DataDir { get; set; } = DefaultDataDir;

    /// <summary>Where the SSH listener binds (--ssh-listen, Ssh:Listen).</summary>
    public string SshListen { get; set; } = "0.0.0.0:2222";

    /// <summary>Private host key files (--host-key, Ssh:HostKeys); empty means "generate into DataDir".</summary>
    public List<string> HostKeys { get; set; } = new();

    /// <summary>sshd LoginGraceTime: seconds from connect to authenticated; 0 means no limit.</summary>
    public int LoginGraceTimeSeconds { get; set; } = 120;

    /// <summary>sshd RekeyLimit, data part: rekey after this many bytes in either direction.</summary>
    public long RekeyLimitBytes { get; set; } = 1L << 30;

    /// <summary>sshd RekeyLimit, time part: rekey after this many seconds; 0 means never by time.</summary>
    public int RekeyLimitSeconds { get; set; } = 3600;

    /// <summary>
    /// <see cref="LoginGraceTimeSeconds"/> as a timeout: <see cref="Timeout.InfiniteTimeSpan"/> when it
    /// is 0 (no limit), so it can go straight to <c>CancellationTokenSource.CancelAfter</c>.
    /// </summary>
    public TimeSpan LoginGraceTime =>
        LoginGraceTimeSeconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(LoginGraceTimeSeconds);

    /// <summary>
    /// <see cref="RekeyLimitSeconds"/> as an interval: <see cref="TimeSpan.MaxValue"/> when it is 0
    /// ("none": never by time), so "elapsed &gt;= RekeyInterval" never holds. Not for CancelAfter.
    /// </summary>
    public TimeSpan RekeyInterval =>
        RekeyLimitSeconds == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(RekeyLimitSeconds);

    /// <summary>Packets whose length field exceeds this many bytes are refused before allocation.</summary>
    public int MaxPacketSize { get; set; } = 262144;

    /// <summary>sshd KexAlgorithms in preference order; null means the built-in defaults.</summary>
    public List<string>? KexAlgorithms { get; set; }

    /// <summary>sshd Ciphers in preference order; null means the built-in defaults.</summary>
    public List<string>? Ciphers { get; set; }

    /// <summary>sshd MACs in preference order; null means the built-in defaults.</summary>
    public List<string>? Macs { get; set; }

    /// <summary>sshd HostKeyAlgorithms in preference order; null means the built-in defaults.</summary>
    public List<string>? HostKeyAlgorithms { get; set; }

    /// <summary>An authorized_keys file (any user name) or a directory holding DIR/&lt;user&gt;.</summary>
    public string? AuthorizedKeys { get; set; }

    /// <summary>sshd TrustedUserCAKeys: CA public keys whose user certificates are accepted.</summary>
    public string? TrustedUserCaKeys { get; set; }

    /// <summary>Accept any public key and hand out random tunnel names.</summary>
    public bool Anonymous { get; set; }

    /// <summary>
    /// A password file (lines user:$pbkdf2-sha256$...); password authentication is offered only
    /// when it is set (--password-file, Auth:PasswordFile).
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>sshd RevokedKeys: public keys (and certificate keys) that are refused even when otherwise authorized.</summary>
    public string? RevokedKeys { get; set; }

    /// <summary>sshd MaxAuthTries: failed attempts on one connection before it is disconnected.</summary>
    public int MaxAuthTries { get; set; } = 6;

    /// <summary>sshd Banner: a text file sent as SSH_MSG_USERAUTH_BANNER before authentication; null means none.</summary>
    public string? Banner { get; set; }

    /// <summary>Seconds of tolerance on certificate valid-after/valid-before, for clients whose clocks drift.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary><see cref="ClockSkewSeconds"/> as a span.</summary>
    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);

    /// <summary>sshd MaxStartups (its hard limit): connections not yet authenticated, across all sources.</summary>
    public int MaxStartups { get; set; } = 100;

    /// <summary>sshd PerSourceMaxStartups: connections not yet authenticated from one IPv4 address or IPv6 /64.</summary>
    public int PerSourceMaxStartups { get; set; } = 10;

    /// <summary>sshd PerSourcePenalties: refuse, for a growing time, sources that keep failing.</summary>
    public bool PerSourcePenalties { get; set; } = true;

    /// <summary>
    /// sshd PermitOpen: real HOST:PORT destinations that -L/-W/-D may reach, and/or "any"
    /// (which still refuses the relay's own addresses unless one is listed exactly). Empty (the
    /// default) means only tunnel names are reachable.
    /// </summary>
    public List<string> PermitOpen { get; set; } = new();

    /// <summary>Relay ports for ssh -R PORT:... and -R 0:..., LOW-HIGH (--forward-ports, Forwarding:Ports).</summary>
    public string ForwardPorts { get; set; } = "20000-29999";

    /// <summary>The address those relay ports bind, an IP or a host name (--forward-bind, Forwarding:BindAddress).</summary>
    public string ForwardBind { get; set; } = "0.0.0.0";

    /// <summary>HTTP tunnels are served at &lt;name&gt;.&lt;Domain&gt;.</summary>
    public string Domain { get; set; } = "localhost";

    /// <summary>Public:SshHost: the host name the session texts tell people to ssh to; null: <see cref="Domain"/>.</summary>
    public string? PublicSshHost { get; set; }

    /// <summary>Public:SshPort: the SSH port people connect to; null: the --ssh-listen port.</summary>
    public int? PublicSshPort { get; set; }

    /// <summary>Public:HttpPort: the HTTP edge port visitors use; null: the --http-listen port.</summary>
    public int? PublicHttpPort { get; set; }

    /// <summary>Public:TlsPort: the TLS edge port visitors use (and force-https redirects to); null: the --tls-listen port.</summary>
    public int? PublicTlsPort { get; set; }

    /// <summary>Custom domains: lowercase host to the account that may bind it as a tunnel name (--custom-domain HOST=ACCOUNT).</summary>
    public Dictionary<string, string> CustomDomains { get; set; } = new();

    /// <summary>Where the HTTP edge listener binds.</summary>
    public string HttpListen { get; set; } = "0.0.0.0:8080";

    /// <summary>Where the TLS (SNI passthrough) edge listener binds; null means off.</summary>
    public string? TlsListen { get; set; }

    /// <summary>PEM certificate for TLS that ends at the relay (a wildcard for *.Domain); null: TLS passthrough only.</summary>
    public string? TlsCert { get; set; }

    /// <summary>PEM private key of <see cref="TlsCert"/>.</summary>
    public string? TlsKey { get; set; }

    /// <summary>Seconds a visitor has for request headers or a ClientHello (slowloris).</summary>
    public int HttpHeaderTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds an idle visitor keep-alive connection stays open.</summary>
    public int HttpKeepAliveSeconds { get; set; } = 130;

    /// <summary>Open edge connections per visitor address.</summary>
    public int EdgeMaxConnectionsPerAddress { get; set; } = 256;

    /// <summary>Edge:RequestsPerSecond: HTTP requests per second to one tunnel at this node; 0 is no limit.</summary>
    public int EdgeRequestsPerSecond { get; set; }

    /// <summary>Edge:RequestBurst: requests one tunnel may take at once; 0 is <see cref="EdgeRequestsPerSecond"/>.</summary>
    public int EdgeRequestBurst { get; set; }

    /// <summary>Where /metrics, /healthz and /readyz are served.</summary>
    public string MetricsListen { get; set; } = "0.0.0.0:9464";

    /// <summary>Export per-tunnel series (--metrics-per-tunnel, Metrics:PerTunnel).</summary>
    public bool MetricsPerTunnel { get; set; }

    /// <summary>Tunnels with series of their own; the rest are "other" (--metrics-per-tunnel-limit, Metrics:PerTunnelLimit).</summary>
    public int MetricsPerTunnelLimit { get; set; } = 50;

    /// <summary>A file holding the admin API's bearer token; null means the admin API is off (--admin-token-file, Admin:TokenFile).</summary>
    public string? AdminTokenFile { get; set; }

    /// <summary>Console log format (--log-format, Logging:Format).</summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    /// <summary>A HOCON file for Akka; null means the embedded single-node configuration.</summary>
    public string? ClusterConfig { get; set; }

    /// <summary>Where Akka remoting binds; null means 127.0.0.1 on a free port (a cluster of one, or the --cluster-config file's address).</summary>
    public string? ClusterListen { get; set; }

    /// <summary>Akka seed nodes, each akka.tcp://warren@HOST:PORT.</summary>
    public List<string> SeedNodes { get; set; } = new();

    /// <summary>Where the node-to-node relay links bind; null means the remoting host on a free port.</summary>
    public string? RelayListen { get; set; }

    /// <summary>A file holding the cluster secret the relay links prove (--cluster-secret-file, Cluster:SecretFile); null: see RelayLinkSetup.</summary>
    public string? ClusterSecretFile { get; set; }

    /// <summary>PEM certificate the relay links present (--relay-tls-cert, Cluster:RelayTlsCert); null with <see cref="RelayTlsKey"/>: plain TCP links.</summary>
    public string? RelayTlsCert { get; set; }

    /// <summary>PEM private key of <see cref="RelayTlsCert"/> (--relay-tls-key, Cluster:RelayTlsKey).</summary>
    public string? RelayTlsKey { get; set; }

    /// <summary>PEM CA bundle peers' relay-link certificates must chain to (--relay-tls-ca, Cluster:RelayTlsCa); null: peers must present <see cref="RelayTlsCert"/> itself.</summary>
    public string? RelayTlsCa { get; set; }

    /// <summary>How long SIGTERM waits for visitor streams to end before the sessions are told to go (--drain-timeout, Cluster:DrainTimeout).</summary>
    public int DrainTimeoutSeconds { get; set; } = 30;

    /// <summary>sshd ClientAliveInterval in seconds; 0 turns the probes off.</summary>
    public int ClientAliveIntervalSeconds { get; set; } = 15;

    /// <summary>sshd ClientAliveCountMax: unanswered probes before the client is disconnected.</summary>
    public int ClientAliveCountMax { get; set; } = 3;

    /// <summary>Limits:ChannelsPerSession.</summary>
    public int MaxChannelsPerSession { get; set; } = Relay.Sessions.SessionLimits.Default.ChannelsPerSession;

    /// <summary>Limits:ForwardsPerSession.</summary>
    public int MaxForwardsPerSession { get; set; } = Relay.Sessions.SessionLimits.Default.ForwardsPerSession;

    /// <summary>Limits:TunnelsPerAccount.</summary>
    public int MaxTunnelsPerAccount { get; set; } = Relay.Sessions.SessionLimits.Default.TunnelsPerAccount;

    /// <summary>Limits:SessionsPerAccount.</summary>
    public int MaxSessionsPerAccount { get; set; } = Relay.Sessions.SessionLimits.Default.SessionsPerAccount;

    /// <summary>Tunnels:BindPolicy: what a second bind of a name by its owner does.</summary>
    public Relay.Tunnels.BindPolicy BindPolicy { get; set; } = Relay.Tunnels.BindPolicy.Pool;

    /// <summary>Tunnels:NameGraceTime in seconds: how long a released name is held for its owner; 0 frees it at once.</summary>
    public int NameGraceTimeSeconds { get; set; } = 60;

    /// <summary>Tunnels:OptionsWait in milliseconds: how long the forwards of a session with no session channel wait for its options.</summary>
    public int TunnelOptionsWaitMilliseconds { get; set; } = 300;

    /// <summary>Forwarding:IdleTimeout in seconds; 0 means streams never time out.</summary>
    public int IdleTimeoutSeconds { get; set; }

    /// <summary>The four limits as the relay takes them.</summary>
    public Relay.Sessions.SessionLimits Limits => new()
    {
        ChannelsPerSession = MaxChannelsPerSession,
        ForwardsPerSession = MaxForwardsPerSession,
        TunnelsPerAccount = MaxTunnelsPerAccount,
        SessionsPerAccount = MaxSessionsPerAccount,
    };

    /// <summary>ClientAliveInterval and ClientAliveCountMax as the relay takes them.</summary>
    public Relay.Sessions.ClientAliveOptions ClientAlive =>
        new(TimeSpan.FromSeconds(ClientAliveIntervalSeconds), ClientAliveCountMax);

    /// <summary>Ssh:SendTimeout in seconds; 0 means a write to a client may be pending for ever.</summary>
    public int SendTimeoutSeconds { get; set; } = 60;

    /// <summary><see cref="SendTimeoutSeconds"/> as a span; null when 0 (never).</summary>
    public TimeSpan? SendTimeout => SendTimeoutSeconds == 0 ? null : TimeSpan.FromSeconds(SendTimeoutSeconds);

    /// <summary><see cref="IdleTimeoutSeconds"/> as a span; null when 0 (never).</summary>
    public TimeSpan? IdleTimeout => IdleTimeoutSeconds == 0 ? null : TimeSpan.FromSeconds(IdleTimeoutSeconds);
}
