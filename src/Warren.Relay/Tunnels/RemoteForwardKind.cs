namespace Warren.Relay.Tunnels;

/// <summary>What a <c>tcpip-forward</c> request asks for; see <see cref="TunnelBindAddress.Classify"/>.</summary>
internal enum RemoteForwardKind
{
    /// <summary><c>-R myapp:80:...</c>: a tunnel by that name (<see cref="BindTunnel"/>).</summary>
    NamedTunnel,

    /// <summary><c>-R 80:...</c> or <c>-R 443:...</c>: a tunnel with a generated name (<see cref="BindGeneratedTunnel"/>).</summary>
    GeneratedTunnel,

    /// <summary><c>-R 0:...</c>, <c>-R 2222:...</c>: a real TCP port on the relay, not a tunnel.</summary>
    TcpListener,
}
