using System.Net;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// What a tunnel's owner asks of the edge for their tunnels, given as the SSH session's command
/// (<c>ssh -R web:80:localhost:3000 relay auth=user:pass allow=203.0.113.0/24</c>); parsed by
/// <see cref="EdgeTunnelOptionsParser"/>. Names follow sish where sish has the option.
/// </summary>
/// <remarks>
/// The options travel with each backend (<see cref="TunnelBackend.Options"/>) to the tunnel
/// entity, which may live on another node: every member is a string, number, enum or list of
/// strings, so Akka's JSON serializer carries it as it is (an <see cref="IPNetwork"/> would not
/// survive it, hence <see cref="Allow"/> as text).
/// </remarks>
internal sealed record EdgeTunnelOptions
{
    public static EdgeTunnelOptions Default { get; } = new();

    /// <summary><c>auth=user:pass</c>: visitors must send these with HTTP basic auth; null: no auth.</summary>
    public BasicAuthCredentials? BasicAuth { get; init; }

    /// <summary><c>allow=CIDR[,CIDR...]</c>: only visitors from these networks (CIDR text, checked by the parser); empty: everyone.</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary><c>forwarded=off</c>: no X-Forwarded-* / Forwarded headers to the service.</summary>
    /// <remarks>
    /// Stored as "off" so that every member's default is its type's default: Akka's JSON
    /// serializer leaves default values out, and a member initialised to true would come back true.
    /// </remarks>
    public bool ForwardedOff { get; init; }

    /// <summary>The service gets the forwarded headers (not <c>forwarded=off</c>).</summary>
    public bool ForwardedHeaders => !ForwardedOff;

    /// <summary><c>host-header=HOST</c>: the Host the service sees; null: the visitor's.</summary>
    public string? HostHeader { get; init; }

    /// <summary><c>proxy-protocol=1|2</c>: a PROXY protocol header to the service (TCP and TLS passthrough); 0: none.</summary>
    public int ProxyProtocol { get; init; }

    /// <summary><c>force-https</c> (or <c>force-https=true</c>): plain HTTP visitors are redirected to HTTPS.</summary>
    public bool ForceHttps { get; init; }

    /// <summary><c>allow-accounts=a,b</c> (sish: tcp-aliases-allowed-users): other accounts that may reach a TCP alias.</summary>
    public IReadOnlyList<string> AllowAccounts { get; init; } = [];

    /// <summary><c>bind=pool|replace</c>: join the live backends of a name, or take it over; null: the relay's default.</summary>
    public BindPolicy? Bind { get; init; }

    /// <summary>
    /// Whether a visitor from <paramref name="visitor"/> may reach the tunnel (<see cref="Allow"/>
    /// empty, or one of its networks holds the address). An IPv4-mapped IPv6 address counts as IPv4.
    /// </summary>
    public bool AllowsVisitor(IPAddress visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        if (Allow.Count == 0)
        {
            return true;
        }

        var address = visitor.IsIPv4MappedToIPv6 ? visitor.MapToIPv4() : visitor;
        foreach (var entry in Allow)
        {
            if (IPNetwork.TryParse(entry, out var network) && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options as the owner's greeting names them: no password, one word each; empty for the defaults.</summary>
    public string Describe()
    {
        var words = new List<string>();
        if (BasicAuth is { } auth)
        {
            words.Add($"auth={auth.User}:***");
        }

        if (Allow.Count > 0)
        {
            words.Add("allow=" + string.Join(',', Allow));
        }

        if (ForwardedOff)
        {
            words.Add("forwarded=off");
        }

        if (HostHeader is { } host)
        {
            words.Add("host-header=" + host);
        }

        if (ProxyProtocol != 0)
        {
            words.Add("proxy-protocol=" + ProxyProtocol.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (ForceHttps)
        {
            words.Add("force-https");
        }

        if (Bind is { } bind)
        {
            words.Add(bind == BindPolicy.Replace ? "bind=replace" : "bind=pool");
        }

        return string.Join(' ', words);
    }
}
