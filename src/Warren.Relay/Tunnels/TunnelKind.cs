namespace Warren.Relay.Tunnels;

/// <summary>
/// What a named tunnel carries, decided by the port in <c>ssh -R name:port:host:port</c>
/// (see <see cref="TunnelKinds.FromPort"/>).
/// </summary>
internal enum TunnelKind
{
    /// <summary>Port 80: served by the HTTP edge as <c>http://name.domain/</c>.</summary>
    Http,

    /// <summary>Port 443: TLS passed through by SNI at the TLS edge.</summary>
    Tls,

    /// <summary>
    /// Any other port: no public listener; reached by name through the relay with
    /// <c>ssh -L/-W/-J/-D name:port</c>.
    /// </summary>
    TcpAlias,
}
