namespace Warren.Relay.Forwarding;

/// <summary>
/// One <c>permitlisten=</c> value of a key: <c>port</c> (read as <c>*:port</c>, as sshd does),
/// <c>host:port</c> or <c>[v6]:port</c> with an ssh_config pattern for the host and <c>*</c> for
/// any port, <c>*</c> alone (anything), or a bare tunnel name (<c>myapp</c>: the key may publish
/// that name on any port). The tunnel name of <c>ssh -R myapp:80:localhost:3000</c> arrives as
/// the bind address "myapp", so a name entry is a host pattern without wildcards or port limit.
/// </summary>
/// <param name="HostPattern">The host pattern, or the tunnel name.</param>
/// <param name="Port">The port, or null for any port.</param>
/// <param name="IsTunnelName">True for a bare-name entry.</param>
public sealed record PermitListenEntry(string HostPattern, int? Port, bool IsTunnelName)
{
    /// <summary>Parses one value; false for text the authorized_keys parser would have refused.</summary>
    public static bool TryParse(string text, out PermitListenEntry entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        entry = new PermitListenEntry("*", null, false);
        var value = text.Trim();
        if (!value.Contains(':', StringComparison.Ordinal) && !value.StartsWith('['))
        {
            if (value == "*" || (value.Length > 0 && value.All(char.IsAsciiDigit)))
            {
                if (!HostPortText.TryParsePort(value, allowZero: false, out var bare))
                {
                    return false;
                }

                entry = new PermitListenEntry("*", bare, false);
                return true;
            }

            var isName = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
            entry = new PermitListenEntry(value, null, true);
            return isName;
        }

        if (!HostPortText.TrySplit(value, out var host, out var portText) || host.Length == 0
            || !HostPortText.TryParsePort(portText, allowZero: false, out var port))
        {
            return false;
        }

        entry = new PermitListenEntry(host, port, false);
        return true;
    }

    /// <summary>
    /// True when a tcpip-forward for <paramref name="bindAddress"/> (as sent) and
    /// <paramref name="port"/> is permitted. Port 0 (allocate one) matches only an entry with
    /// port <c>*</c> or a tunnel name: a key limited to port 8080 cannot get a random port.
    /// </summary>
    public bool Matches(string bindAddress, int port)
    {
        if (IsTunnelName)
        {
            return string.Equals(HostPortText.Unbracket(bindAddress), HostPattern, StringComparison.OrdinalIgnoreCase);
        }

        if (Port is { } wanted && wanted != port)
        {
            return false;
        }

        return GlobPattern.IsMatch(HostPortText.Unbracket(bindAddress), HostPattern);
    }
}
