using System.Globalization;
using System.Text;

namespace Warren.Relay.Sessions;

/// <summary>
/// Lines a shell session prints when something worth seeing happens after the greeting. Each
/// starts with the UTC time ("[22:41:07Z] "), ends in "\n", and says what to do when there is
/// something to do. Pass through <see cref="TerminalText.ForPty"/> when a pty was requested.
/// </summary>
internal static class SessionEvents
{
    /// <summary>A forward of this session was bound: the tunnel and its addresses.</summary>
    public static string TunnelOpened(TunnelInfo tunnel, RelayEndpoints relay, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Stamp(at)}{ShellGreeting.Shown(tunnel.Name)} is up ({TunnelAddresses.Describe(tunnel.Kind)}):\n");
        ShellGreeting.AppendTunnel(text, tunnel, relay, ShellGreeting.Shown(tunnel.Name).Length);
        return text.ToString();
    }

    /// <summary>A forward was cancelled or ended.</summary>
    public static string TunnelClosed(string name, DateTimeOffset at) =>
        $"{Stamp(at)}{ShellGreeting.Shown(name)} is closed.\n";

    /// <summary>A tcpip-forward was refused (policy, limit, name taken); <paramref name="reason"/> says why and what to do.</summary>
    public static string ForwardRefused(string bindAddress, uint port, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        var bind = bindAddress.Length == 0 ? port.ToString(CultureInfo.InvariantCulture)
            : $"{ShellGreeting.Shown(bindAddress)}:{port.ToString(CultureInfo.InvariantCulture)}";
        return $"{Stamp(at)}refused -R {bind}: {reason}\n";
    }

    /// <summary>Another session of this account took over a name this session served.</summary>
    /// <param name="name">The tunnel.</param>
    /// <param name="bySession">The session that serves it now (short id).</param>
    /// <param name="at">When.</param>
    public static string TunnelTakenOver(string name, string bySession, DateTimeOffset at) =>
        $"{Stamp(at)}{ShellGreeting.Shown(name)} was taken over by session {ShellGreeting.Shown(bySession)} of this account; this session no longer serves it.\n";

    /// <summary>The node is shutting down (CoordinatedShutdown); the client should reconnect.</summary>
    public static string Draining(DateTimeOffset at) =>
        $"{Stamp(at)}this relay node is shutting down; reconnect to serve your tunnels again (autossh does it for you).\n";

    private static string Stamp(DateTimeOffset at) =>
        "[" + at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "Z] ";
}
