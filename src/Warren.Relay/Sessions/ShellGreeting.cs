using System.Globalization;
using System.Text;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Sessions;

/// <summary>
/// What a session with a shell (plain <c>ssh -R ... relay</c>, no <c>-N</c>) prints first: who
/// is logged in, this session's tunnels and their addresses, how to publish one if there are
/// none, and the commands. Later changes arrive as <see cref="SessionEvents"/> lines. Lines end
/// in "\n"; pass the text through <see cref="TerminalText.ForPty"/> when the client asked for a pty.
/// </summary>
internal static class ShellGreeting
{
    /// <summary>The greeting for <paramref name="session"/>, whose tunnels are <paramref name="tunnels"/>; <paramref name="options"/> are the session's tunnel options, if it gave any.</summary>
    public static string Format(SessionInfo session, IReadOnlyList<TunnelInfo> tunnels, RelayEndpoints relay, Edge.EdgeTunnelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tunnels);
        ArgumentNullException.ThrowIfNull(relay);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"warren: logged in as {Shown(session.Account)}, session {Shown(session.SessionId)}. This relay forwards ports; it has no shell.\n");
        if (tunnels.Count == 0)
        {
            text.Append("No tunnels in this session yet. Publish one with e.g.\n");
            text.Append(CultureInfo.InvariantCulture, $"  {relay.SshCommand} -R myapp:80:localhost:3000 {relay.SshHost}\n");
        }
        else
        {
            text.Append(tunnels.Count == 1 ? "Your tunnel in this session:\n" : "Your tunnels in this session:\n");
            var width = tunnels.Max(t => Shown(t.Name).Length);
            foreach (var tunnel in tunnels.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                AppendTunnel(text, tunnel, relay, width);
            }
        }

        if (options?.AllowAccounts is { Count: > 0 } allowAccounts)
        {
            text.Append(CultureInfo.InvariantCulture, $"Tunnels of this session: other accounts allowed: {SessionTunnelOptions.Describe(allowAccounts)}\n");
        }

        if (options?.Describe() is { Length: > 0 } described)
        {
            text.Append(CultureInfo.InvariantCulture, $"Tunnel options of this session: {Shown(described)}\n");
        }

        text.Append("Events (a refused forward, a tunnel taken over) appear below. Closing this connection closes its tunnels.\n");
        text.Append(CultureInfo.InvariantCulture, $"Commands: {relay.SshCommand} {relay.SshHost} help | tunnels | status (add --json for scripts)\n");
        return text.ToString();
    }

    /// <summary>Two-space indent, the name padded to <paramref name="nameWidth"/>, then one address a line.</summary>
    internal static void AppendTunnel(StringBuilder text, TunnelInfo tunnel, RelayEndpoints relay, int nameWidth)
    {
        var name = Shown(tunnel.Name).PadRight(nameWidth);
        var addresses = TunnelAddresses.For(tunnel, relay);
        if (addresses.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name}  {TunnelAddresses.Primary(tunnel, relay)}\n");
            return;
        }

        for (var i = 0; i < addresses.Count; i++)
        {
            var label = i == 0 ? name : new string(' ', nameWidth);
            text.Append(CultureInfo.InvariantCulture, $"  {label}  {addresses[i].Value}\n");
        }
    }

    /// <summary>Text from the registry or the client, made safe for a terminal (printable ASCII, bounded).</summary>
    internal static string Shown(string text) => HostPortText.Printable(text);
}
