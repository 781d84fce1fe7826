using System.Globalization;

namespace Warren.Relay.Sessions;

/// <summary>
/// Where people reach this relay, for the addresses the session texts print. Filled from the
/// serve options: <c>--domain</c>, the public SSH host and port, and the ports of
/// <c>--http-listen</c> and <c>--tls-listen</c> (null when that listener is off).
/// </summary>
/// <param name="Domain">HTTP and TLS tunnels are &lt;name&gt;.&lt;Domain&gt;.</param>
/// <param name="SshHost">The host name people give ssh (usually <paramref name="Domain"/>).</param>
/// <param name="SshPort">The SSH port people connect to.</param>
/// <param name="HttpPort">The HTTP edge port, or null when off.</param>
/// <param name="TlsPort">The TLS edge port, or null when off.</param>
public sealed record RelayEndpoints(string Domain, string SshHost, int SshPort, int? HttpPort, int? TlsPort)
{
    /// <summary>The endpoints of a relay that was told none: localhost, SSH on 2222, HTTP on 8080, no TLS.</summary>
    public static RelayEndpoints Default { get; } = new("localhost", "localhost", 2222, 8080, null);

    /// <summary>TLS for HTTP tunnels ends at the relay (<c>--tls-listen</c> with <c>--tls-cert</c>), so <c>force-https</c> has somewhere to send visitors.</summary>
    public bool HttpsAtEdge { get; init; }

    /// <summary><c>ssh</c>, or <c>ssh -p PORT</c> when the port is not 22.</summary>
    public string SshCommand => SshPort == 22 ? "ssh" : "ssh -p " + SshPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>The relay as the argument of <c>ssh -J</c>: host, or host:port when the port is not 22.</summary>
    public string JumpHost =>
        SshPort == 22 ? SshHost
        : SshHost.Contains(':', StringComparison.Ordinal) ? $"[{SshHost}]:{SshPort.ToString(CultureInfo.InvariantCulture)}"
        : $"{SshHost}:{SshPort.ToString(CultureInfo.InvariantCulture)}";
}
