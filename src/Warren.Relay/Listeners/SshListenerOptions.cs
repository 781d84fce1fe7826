using System.Net;
using Warren.Ssh.Crypto;
using Warren.Ssh.Server;
using Warren.Ssh.Transport;

namespace Warren.Relay.Listeners;

/// <summary>What the SSH listener binds to and the limits it applies before authentication.</summary>
public sealed record SshListenerOptions(IPEndPoint EndPoint, IReadOnlyList<IHostKey> HostKeys, SshTransportSettings Transport)
{
    /// <summary>Time to finish key exchange and authentication (sshd's LoginGraceTime).</summary>
    public TimeSpan LoginGraceTime { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How connections authenticate; Source and OnAttempt are filled in per connection.</summary>
    public UserAuthOptions Auth { get; init; } = new();

    /// <summary>Where the relay can be reached, for what sessions print.</summary>
    public Sessions.RelayEndpoints Endpoints { get; init; } = Sessions.RelayEndpoints.Default;

    /// <summary>Connections allowed to be authenticating at once (sshd's MaxStartups, hard limit).</summary>
    public int MaxStartups { get; init; } = 100;

    /// <summary>Of those, from one IPv4 address or IPv6 /64 (sshd's PerSourceMaxStartups).</summary>
    public int PerSourceMaxStartups { get; init; } = 10;

    /// <summary>
    /// Custom domains (lowercase host to account, <c>--custom-domain</c>): the account may bind the
    /// whole host as a tunnel name; no other account may.
    /// </summary>
    public IReadOnlyDictionary<string, string> CustomDomains { get; init; } = new Dictionary<string, string>();

    /// <summary>Where direct-tcpip channels (ssh -L, -W) may go: tunnel names, and real hosts only through --permit-open.</summary>
    public Forwarding.DirectTargetPolicy DirectTargets { get; init; } = Forwarding.DirectTargetPolicy.TunnelsOnly;

    /// <summary>
    /// The node's one pool of data-path buffers (socket reads and writes of forwarded channels).
    /// The default holds at most 4096 buffers of 64 KiB: a few thousand 32 KiB chunks in flight,
    /// at most about 270 MB, allocated only as used.
    /// </summary>
    public Ssh.Buffers.PacketBufferPool BufferPool { get; init; } = new(DefaultBufferPoolSize);

    /// <summary>The relay ports <c>ssh -R PORT:...</c> and <c>ssh -R 0:...</c> may listen on (--forward-ports).</summary>
    public Forwarding.PortRange ForwardPorts { get; init; } = Forwarding.PortRange.Default;

    /// <summary>The address those listeners bind (--forward-bind), whatever bind address the client sent.</summary>
    public IPAddress ForwardBindAddress { get; init; } = IPAddress.Any;

    /// <summary>Buffers in <see cref="BufferPool"/> by default.</summary>
    public const int DefaultBufferPoolSize = 4096;

    /// <summary>sshd PerSourcePenalties; null turns them off.</summary>
    public SourcePenaltyOptions? Penalties { get; init; } = new();

    /// <summary>Channels and forwards per session, tunnels and sessions per account.</summary>
    public Sessions.SessionLimits Limits { get; init; } = Sessions.SessionLimits.Default;

    /// <summary>sshd ClientAliveInterval and ClientAliveCountMax.</summary>
    public Sessions.ClientAliveOptions ClientAlive { get; init; } = Sessions.ClientAliveOptions.Default;

    /// <summary>
    /// A data stream (a bridged channel, a forwarded socket) with no byte either way for this long
    /// is closed. Null (the default) never: idle WebSockets and long polls must survive.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// A write to a logged-in client pending this long drops the session: the client stopped
    /// reading (--send-timeout). Null never.
    /// </summary>
    public TimeSpan? SendTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What a second bind of a name by its own account does, unless the bind says otherwise.</summary>
    public Tunnels.BindPolicy BindPolicy { get; init; } = Tunnels.BindPolicy.Pool;

    /// <summary>How long a name whose last session left stays reserved for its owner.</summary>
    public TimeSpan NameGraceTime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a session's forwards wait for its tunnel options when it has no session channel
    /// open (<c>ssh -N</c> never opens one), counted from its last <c>tcpip-forward</c>. OpenSSH
    /// sends the forwards, then opens the session channel and sends the command with the options;
    /// until the options are settled no forward of the session is routed. Small: it only covers
    /// the gap between the forward and the channel open, which arrive back to back.
    /// </summary>
    public TimeSpan TunnelOptionsWait { get; init; } = TimeSpan.FromMilliseconds(300);
}
