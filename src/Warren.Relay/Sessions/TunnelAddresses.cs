using System.Globalization;

namespace Warren.Relay.Sessions;

/// <summary>
/// Formats where people reach a tunnel: the HTTP URL (port left out when 80), the TLS name and
/// port, the <c>ssh -L</c>/<c>-W</c> (and for port 22 <c>-J</c>) lines for an alias, the relay's
/// host:port for a TCP port. The first address is the primary one (tables show only it).
/// </summary>
internal static class TunnelAddresses
{
    /// <summary>Every address of <paramref name="tunnel"/>; empty when its edge listener is off.</summary>
    public static IReadOnlyList<TunnelAddress> For(TunnelInfo tunnel, RelayEndpoints relay)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        ArgumentNullException.ThrowIfNull(relay);
        var port = tunnel.Port.ToString(CultureInfo.InvariantCulture);
        switch (tunnel.Kind)
        {
            case TunnelKind.Http when relay.HttpPort is { } http:
                var httpPort = http == 80 ? string.Empty : ":" + http.ToString(CultureInfo.InvariantCulture);
                return [new("http", $"http://{tunnel.Name}.{relay.Domain}{httpPort}/")];
            case TunnelKind.Tls when relay.TlsPort is { } tls:
                return [new("tls", $"{tunnel.Name}.{relay.Domain}:{tls.ToString(CultureInfo.InvariantCulture)}")];
            case TunnelKind.Alias:
                var addresses = new List<TunnelAddress>(3)
                {
                    new("ssh-L", $"{relay.SshCommand} -L {LocalPort(tunnel.Port)}:{tunnel.Name}:{port} {relay.SshHost}"),
                    new("ssh-W", $"{relay.SshCommand} -W {tunnel.Name}:{port} {relay.SshHost}"),
                };
                if (tunnel.Port == 22)
                {
                    addresses.Add(new("ssh-J", $"ssh -J {relay.JumpHost} {tunnel.Name}"));
                }

                return addresses;
            case TunnelKind.Port:
                return [new("tcp", relay.SshHost.Contains(':', StringComparison.Ordinal) ? $"[{relay.SshHost}]:{port}" : $"{relay.SshHost}:{port}")];
            default:
                return [];
        }
    }

    /// <summary>The primary address, or a note saying why there is none.</summary>
    public static string Primary(TunnelInfo tunnel, RelayEndpoints relay)
    {
        var addresses = For(tunnel, relay);
        return addresses.Count > 0 ? addresses[0].Value : $"(none: the {Describe(tunnel.Kind)} listener is off on this relay)";
    }

    /// <summary>Lower-case kind name for texts and JSON: http, tls, alias, port.</summary>
    public static string Describe(TunnelKind kind) => kind switch
    {
        TunnelKind.Http => "http",
        TunnelKind.Tls => "tls",
        TunnelKind.Alias => "alias",
        TunnelKind.Port => "port",
        _ => "unknown",
    };

    /// <summary>The local port suggested for ssh -L: the same port, moved above 1024 (10000 + port) when binding it would need root.</summary>
    private static string LocalPort(int port) =>
        (port >= 1024 ? port : 10000 + port).ToString(CultureInfo.InvariantCulture);
}
