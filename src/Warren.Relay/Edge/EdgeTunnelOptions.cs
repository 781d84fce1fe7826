using System.Net;

namespace Warren.Relay.Edge;

/// <summary>
/// What a tunnel's owner asks of the edge for their tunnels, given as the SSH session's command
/// (<c>ssh -R web:80:localhost:3000 relay auth=user:pass allow=203.0.113.0/24</c>); parsed by
/// <see cref="EdgeTunnelOptionsParser"/>. Names follow sish where sish has the option.
/// </summary>
internal sealed record EdgeTunnelOptions
{
    public static EdgeTunnelOptions Default { get; } = new();

    /// <summary><c>auth=user:pass</c>: visitors must send these with HTTP basic auth; null: no auth.</summary>
    public (string User, string Password)? BasicAuth { get; init; }

    /// <summary><c>allow=CIDR[,CIDR...]</c>: only visitors from these networks; empty: everyone.</summary>
    public IReadOnlyList<IPNetwork> Allow { get; init; } = [];

    /// <summary><c>forwarded=off</c>: no X-Forwarded-* / Forwarded headers to the service.</summary>
    public bool ForwardedHeaders { get; init; } = true;

    /// <summary><c>host-header=HOST</c>: the Host the service sees; null: the visitor's.</summary>
    public string? HostHeader { get; init; }

    /// <summary><c>proxy-protocol=1|2</c>: a PROXY protocol header to the service (TCP and TLS passthrough); 0: none.</summary>
    public int ProxyProtocol { get; init; }

    /// <summary><c>force-https</c> (or <c>force-https=true</c>): plain HTTP visitors are redirected to HTTPS.</summary>
    public bool ForceHttps { get; init; }

    /// <summary><c>allow-accounts=a,b</c> (sish: tcp-aliases-allowed-users): other accounts that may reach a TCP alias.</summary>
    public IReadOnlyList<string> AllowAccounts { get; init; } = [];

    /// <summary><c>bind=pool|replace</c>: join the live backends of a name, or take it over; null: the relay's default.</summary>
    public string? Bind { get; init; }
}
