using System.Net;

namespace Warren.Relay.Tunnels;

/// <summary>
/// Reads the bind address of a <c>tcpip-forward</c> request (RFC 4254 section 7.1): a tunnel
/// name, or one of the addresses that mean "no name" (empty, <c>localhost</c>, <c>*</c>, an IP).
/// </summary>
internal static class TunnelBindAddress
{
    /// <summary>
    /// True when <paramref name="bindAddress"/> names no tunnel. On port 80 or 443 such a bind gets
    /// a generated name (<see cref="TunnelNameGenerator"/>); on any other port it is a real TCP
    /// listener, not a tunnel. An IP counts only in dotted or colon form: IPAddress.TryParse also
    /// takes "1234" (as 0.0.4.210), which is a valid tunnel name.
    /// </summary>
    public static bool IsUnnamed(string? bindAddress) =>
        string.IsNullOrEmpty(bindAddress)
        || bindAddress == "*"
        || string.Equals(bindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
        || (bindAddress.AsSpan().IndexOfAny('.', ':') >= 0 && IPAddress.TryParse(bindAddress, out _));

    /// <summary>
    /// Sorts a <c>tcpip-forward</c> request: a name makes a named tunnel; no name on 80 or 443
    /// makes a generated one; no name on any other port (including 0, "allocate one") is a TCP
    /// listener for the TCP edge. A named request on port 0 is still a named tunnel here; the
    /// registry refuses it with a reason.
    /// </summary>
    public static RemoteForwardKind Classify(string? bindAddress, uint port) =>
        !IsUnnamed(bindAddress) ? RemoteForwardKind.NamedTunnel
        : port is TunnelKinds.HttpPort or TunnelKinds.TlsPort ? RemoteForwardKind.GeneratedTunnel
        : RemoteForwardKind.TcpListener;
}
