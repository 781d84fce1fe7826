using System.Net;

namespace Warren.Relay.Edge;

/// <summary>Settings of the public edge (<c>--domain</c>, <c>--http-listen</c>, <c>--tls-listen</c> and friends).</summary>
public sealed record EdgeOptions
{
    /// <summary>HTTP and TLS tunnels are &lt;name&gt;.&lt;Domain&gt;.</summary>
    public string Domain { get; init; } = "localhost";

    /// <summary>Custom domains (lowercase host to account, <c>--custom-domain</c>): each routes to the tunnel of that whole name.</summary>
    public IReadOnlyDictionary<string, string> CustomDomains { get; init; } = new Dictionary<string, string>();

    /// <summary>The plain HTTP listener; null means off.</summary>
    public IPEndPoint? HttpEndPoint { get; init; }

    /// <summary>The TLS listener (SNI passthrough, else TLS ends here); null means off.</summary>
    public IPEndPoint? TlsEndPoint { get; init; }

    /// <summary>The TLS port visitors use when it differs from <see cref="TlsEndPoint"/>'s (a load balancer in front); where force-https redirects.</summary>
    public int? PublicTlsPort { get; init; }

    /// <summary>PEM certificate (chain) for TLS that ends at the relay, usually a wildcard for *.Domain; null: passthrough only.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsCertFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>How long a visitor may take to send a request's headers (slowloris); Kestrel's RequestHeadersTimeout.</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle HTTP keep-alive connection stays open; Kestrel's KeepAliveTimeout.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// How long a forwarded request or an upgraded (WebSocket) stream may go without bytes either
    /// way before it is cut. Long, so idle WebSockets and long polls live.
    /// </summary>
    public TimeSpan ActivityTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest total size of a request's headers.</summary>
    public int MaxRequestHeadersTotalSize { get; init; } = 32 * 1024;

    /// <summary>Open connections from one visitor address (IPv4, or IPv6 /64), over HTTP and TLS together.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 256;

    /// <summary>Strict-Transport-Security value when TLS ends at the relay.</summary>
    public string StrictTransportSecurity { get; init; } = "max-age=31536000";

    /// <summary>HTTP requests per second to one tunnel at this node (a token bucket per tunnel name); 0 is no limit.</summary>
    public int RequestsPerSecond { get; init; }

    /// <summary>The bucket's size: requests one tunnel may take at once; 0 is <see cref="RequestsPerSecond"/>.</summary>
    public int RequestBurst { get; init; }
}
