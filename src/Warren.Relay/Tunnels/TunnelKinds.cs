namespace Warren.Relay.Tunnels;

/// <summary>Maps the port of a named remote forward to its <see cref="TunnelKind"/>.</summary>
/// <remarks>
/// Only named forwards (and unnamed ones on 80 and 443, which get a generated name) are tunnels.
/// A numeric-only bind with no name on any other port (<c>ssh -R 0:localhost:22</c>,
/// <c>ssh -R 2222:localhost:22</c>) is a real TCP listener on the relay, handled by the TCP edge
/// and not by this registry; <see cref="TunnelBindAddress.IsUnnamed"/> tells the two apart.
/// </remarks>
internal static class TunnelKinds
{
    public const uint HttpPort = 80;
    public const uint TlsPort = 443;

    public static TunnelKind FromPort(uint port) => port switch
    {
        HttpPort => TunnelKind.Http,
        TlsPort => TunnelKind.Tls,
        _ => TunnelKind.TcpAlias,
    };

    /// <summary>True for the kinds that the public edges serve to visitors with no account.</summary>
    public static bool IsPublic(this TunnelKind kind) => kind is TunnelKind.Http or TunnelKind.Tls;
}
