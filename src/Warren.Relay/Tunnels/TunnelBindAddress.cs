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
    /// listener, not a tunnel.
    /// </summary>
    public static bool IsUnnamed(string? bindAddress) =>
        string.IsNullOrEmpty(bindAddress)
        || bindAddress == "*"
        || string.Equals(bindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(bindAddress, out _);
}
