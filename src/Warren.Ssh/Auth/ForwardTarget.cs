using System.Globalization;

namespace Warren.Ssh.Auth;

/// <summary>
/// Checks the values of <c>permitopen="host:port"</c> and <c>permitlisten="[host:]port"</c> the way
/// auth-options.c does (host, then <c>:</c>, then a port 1–65535 or <c>*</c>; an IPv6 host in
/// brackets), plus the relay's own form of permitlisten: a bare tunnel name such as <c>myapp</c>.
/// The values are stored as written; the forwarding code interprets them.
/// </summary>
internal static class ForwardTarget
{
    private const int MaxTunnelNameLength = 63;

    /// <summary><c>host:port</c> or <c>[v6]:port</c>; the host is literal, the port may be <c>*</c>.</summary>
    public static bool TryValidatePermitOpen(string value, out string error)
    {
        if (!TrySplit(value, out var host, out var port) || host.Length == 0)
        {
            error = $"permitopen=\"{Shorten(value)}\" is not host:port";
            return false;
        }

        return CheckPort("permitopen", port, out error);
    }

    /// <summary><c>port</c>, <c>host:port</c>, <c>[v6]:port</c> (port may be <c>*</c>) or a tunnel name.</summary>
    public static bool TryValidatePermitListen(string value, out string error)
    {
        if (!value.Contains(':', StringComparison.Ordinal) && !value.StartsWith('['))
        {
            // sshd reads a bare port as "*:port"; a bare word that is not a number is a tunnel name.
            if (value == "*" || (value.Length > 0 && value.All(char.IsAsciiDigit)))
            {
                return CheckPort("permitlisten", value, out error);
            }

            if (IsTunnelName(value))
            {
                error = string.Empty;
                return true;
            }

            error = $"permitlisten=\"{Shorten(value)}\" is neither [host:]port nor a tunnel name";
            return false;
        }

        if (!TrySplit(value, out var host, out var port) || host.Length == 0)
        {
            error = $"permitlisten=\"{Shorten(value)}\" is not [host:]port";
            return false;
        }

        return CheckPort("permitlisten", port, out error);
    }

    /// <summary>A tunnel name: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 63 characters.</summary>
    public static bool IsTunnelName(string value) =>
        value.Length is > 0 and <= MaxTunnelNameLength
        && char.IsAsciiLetterOrDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !value.All(char.IsAsciiDigit);

    private static bool TrySplit(string value, out string host, out string port) => HostPortSyntax.TrySplit(value, out host, out port);

    private static bool CheckPort(string option, string port, out string error)
    {
        var ok = port == "*"
            || (port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit)
                && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number is > 0 and <= 65535);
        error = ok ? string.Empty : $"{option}= has a bad port \"{Shorten(port)}\"";
        return ok;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
