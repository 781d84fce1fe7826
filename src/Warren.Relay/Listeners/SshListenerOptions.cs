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
    public Sessions.RelayEndpoints Endpoints { get; init; } = new("localhost", "localhost", 2222, 8080, null);

    /// <summary>Connections allowed to be authenticating at once (sshd's MaxStartups, hard limit).</summary>
    public int MaxStartups { get; init; } = 100;

    /// <summary>Of those, from one IPv4 address or IPv6 /64 (sshd's PerSourceMaxStartups).</summary>
    public int PerSourceMaxStartups { get; init; } = 10;

    /// <summary>Where direct-tcpip channels (ssh -L, -W) may go: tunnel names, and real hosts only through --permit-open.</summary>
    public Forwarding.DirectTargetPolicy DirectTargets { get; init; } = Forwarding.DirectTargetPolicy.TunnelsOnly;

    /// <summary>sshd PerSourcePenalties; null turns them off.</summary>
    public SourcePenaltyOptions? Penalties { get; init; } = new();
}
