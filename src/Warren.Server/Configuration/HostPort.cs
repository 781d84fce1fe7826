using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Warren.Server.Configuration;

/// <summary>
/// A validated HOST:PORT: an IPv4 address, a bracketed IPv6 address ([::1]:22) or a
/// host name (RFC 1123), and a port from 0 to 65535 (0 asks the OS for a free one).
/// </summary>
internal readonly record struct HostPort(string Host, int Port)
{
    /// <summary>True when <see cref="Host"/> is an IP address literal rather than a name.</summary>
    public bool IsAddress => IPAddress.TryParse(Host, out _);

    /// <summary>Parses text already validated by the loader; throws <see cref="FormatException"/> otherwise.</summary>
    public static HostPort Parse(string text) =>
        TryParse(text, "0.0.0.0:2222", out var value, out var problem) ? value : throw new FormatException(problem);

    /// <summary>
    /// Parses HOST:PORT. On failure <paramref name="problem"/> says what is wrong and how to
    /// fix it, using <paramref name="example"/> as the suggested spelling.
    /// </summary>
    public static bool TryParse(string text, string example, out HostPort value, out string problem)
    {
        value = default;
        problem = string.Empty;
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                problem = $"'{text}' is not [IPv6]:PORT; write e.g. [::1]:2222";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' in '{text}' is not an IPv6 address; write e.g. [::1]:2222";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                problem = $"'{text}' is not HOST:PORT; write e.g. {example}";
                return false;
            }

            if (text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                problem = $"'{text}' looks like an IPv6 address without brackets; write e.g. [::1]:2222";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Length == 0)
            {
                problem = $"'{text}' has no host; write e.g. {example}";
                return false;
            }

            if (!IsValidHost(host, out var hostProblem))
            {
                problem = $"'{text}': {hostProblem}; write e.g. {example}";
                return false;
            }
        }

        if (!TryParsePort(portText, out var port))
        {
            problem = $"'{text}' has port '{portText}', not a number from 0 to 65535; write e.g. {example}";
            return false;
        }

        value = new HostPort(host, port);
        return true;
    }

    /// <summary>True for an IPv4 literal or an RFC 1123 host name.</summary>
    public static bool IsValidHost(string host, out string problem)
    {
        problem = string.Empty;
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = host.Split('.');
            if (parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
            {
                return true;
            }

            problem = $"'{host}' is not a valid IPv4 address";
            return false;
        }

        return IsValidHostName(host, out problem);
    }

    /// <summary>RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.</summary>
    public static bool IsValidHostName(string name, out string problem)
    {
        problem = string.Empty;
        if (name.Length is 0 or > 253)
        {
            problem = $"'{name}' is not a host name (1 to 253 characters)";
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            var ok = label.Length is > 0 and <= 63
                && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                && label[0] != '-' && label[^1] != '-';
            if (!ok)
            {
                problem = $"'{name}' is not a host name (letters, digits, inner '-', labels separated by '.')";
                return false;
            }
        }

        return true;
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static bool TryParsePort(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port <= 65535;
    }
}
