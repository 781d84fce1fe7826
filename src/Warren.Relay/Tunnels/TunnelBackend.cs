using Akka.Actor;
using Warren.Relay.Edge;

namespace Warren.Relay.Tunnels;

/// <summary>
/// One live remote forward that serves a tunnel: the session that asked for it and the
/// <c>tcpip-forward</c> it asked with. A visitor reaches it by opening a <c>forwarded-tcpip</c>
/// channel on <see cref="Session"/> that echoes <see cref="BindAddress"/> and
/// <see cref="BindPort"/> (RFC 4254 section 7.2).
/// </summary>
/// <param name="Session">
/// The session actor (SshConnection). Its path carries the node address, so the record stays
/// meaningful across the cluster; the tunnel watches it, and its death unbinds the backend.
/// </param>
/// <param name="SessionId">The connection id, for logs and the admin view.</param>
/// <param name="BindAddress">The address string of the request, as the client sent it.</param>
/// <param name="BindPort">The port of the request; it decides the <see cref="TunnelKind"/>.</param>
internal sealed record TunnelBackend(IActorRef Session, string SessionId, string BindAddress, uint BindPort)
{
    public TunnelKind Kind => TunnelKinds.FromPort(BindPort);

    /// <summary>
    /// The owner's options for visitors of this backend (auth, allow-list, headers, PROXY
    /// protocol). They ride with the backend, so the edge knows them as soon as it has chosen a
    /// backend, before a byte goes to the service; pool members may differ. Not part of the
    /// backend's identity: binding the same forward again with new options updates them.
    /// </summary>
    public EdgeTunnelOptions Options { get; init; } = EdgeTunnelOptions.Default;

    /// <summary>The same forward of the same session, whatever its options.</summary>
    public bool Equals(TunnelBackend? other) =>
        other is not null
        && Session.Equals(other.Session)
        && BindPort == other.BindPort
        && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal)
        && string.Equals(BindAddress, other.BindAddress, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Session, SessionId, BindAddress, BindPort);

    public override string ToString() => $"{SessionId} ({BindAddress}:{BindPort})";
}
