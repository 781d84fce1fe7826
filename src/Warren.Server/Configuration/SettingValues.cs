using System.Globalization;

namespace Warren.Server.Configuration;

/// <summary>
/// Checks for one setting's raw values. Each returns null when the value is good (and hands
/// out the parsed value), or a problem sentence: what is wrong, then "; write e.g. ..." or
/// another fix. The caller puts the flag, variable or JSON key in front.
/// </summary>
internal static class SettingValues
{
    public static string? Single(IReadOnlyList<string> values, out string value)
    {
        value = values.Count == 1 ? values[0] : string.Empty;
        return values.Count == 1 ? null : $"expects one value, not {values.Count}; give it once";
    }

    public static string? Listen(IReadOnlyList<string> values, string example, out string value)
    {
        value = string.Empty;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        if (!HostPort.TryParse(text.Trim(), example, out var parsed, out var reason))
        {
            return reason;
        }

        value = parsed.ToString();
        return null;
    }

    public static string? LogFormat(IReadOnlyList<string> values, out LogFormat format)
    {
        format = Configuration.LogFormat.Text;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        if (!Enum.TryParse(text, ignoreCase: true, out format) || !Enum.IsDefined(format) || char.IsDigit(text[0]))
        {
            return $"'{text}' is not a log format; write text or json";
        }

        return null;
    }

    public static string? Path(IReadOnlyList<string> values, out string value)
    {
        value = string.Empty;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        return FullPath(text, out value);
    }

    public static string? ExistingFile(IReadOnlyList<string> values, string what, out string value)
    {
        if (Path(values, out value) is { } problem)
        {
            return problem;
        }

        return File.Exists(value) ? null : $"file '{value}' does not exist; give the path of {what}";
    }

    public static string? ExistingFiles(IReadOnlyList<string> values, string what, out List<string> paths)
    {
        paths = new List<string>(values.Count);
        foreach (var text in values)
        {
            if (FullPath(text, out var path) is { } problem)
            {
                return problem;
            }

            if (!File.Exists(path))
            {
                return $"file '{path}' does not exist; give the path of {what}";
            }

            paths.Add(path);
        }

        return null;
    }

    public static string? Boolean(IReadOnlyList<string> values, out bool value)
    {
        value = false;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "1":
                value = true;
                return null;
            case "FALSE" or "NO" or "0":
                return null;
            default:
                return $"'{text}' is not true or false; write true or false";
        }
    }

    public static string? Seconds(IReadOnlyList<string> values, out int seconds)
    {
        seconds = 0;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        return SshdSyntax.TryParseTime(text.Trim(), out seconds)
            ? null
            : $"'{text}' is not a number of seconds (sshd time such as 120, 2m or 1h30m; 0 means no limit); write e.g. 120";
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static string? Integer(IReadOnlyList<string> values, int min, int max, string example, out int number)
    {
        number = 0;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        text = text.Trim();
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            || number < min
            || number > max)
        {
            number = 0;
            return $"'{text}' is not a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; write e.g. {example}";
        }

        return null;
    }

    public static string? Size(IReadOnlyList<string> values, long min, long max, string example, out long bytes)
    {
        bytes = 0;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        if (!SshdSyntax.TryParseSize(text.Trim(), out bytes))
        {
            return $"'{text}' is not a size in bytes (a number with an optional K, M or G suffix); write e.g. {example}";
        }

        return bytes >= min && bytes <= max
            ? null
            : $"'{text}' is outside {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} bytes; write e.g. {example}";
    }

    /// <summary>An sshd_config algorithm list: names in preference order, no +/-/^ modifiers.</summary>
    public static string? Algorithms(IReadOnlyList<string> values, string example, out List<string> names)
    {
        names = new List<string>();
        foreach (var raw in values)
        {
            foreach (var part in raw.Split(','))
            {
                var name = part.Trim();
                if (name.Length == 0)
                {
                    return $"'{raw}' has an empty name; write a comma-separated list without spaces, e.g. {example}";
                }

                if (name[0] is '+' or '-' or '^')
                {
                    return $"'{name}' uses sshd's +/-/^ list modifiers, which warren does not support; list the algorithms in full, e.g. {example}";
                }

                // RFC 4251 §6: printable US-ASCII, no comma or space, at most 64 characters.
                if (name.Length > 64 || name.Any(c => c <= ' ' || c >= 0x7f))
                {
                    return $"'{name}' is not an algorithm name (printable ASCII, at most 64 characters); write e.g. {example}";
                }

                if (names.Contains(name, StringComparer.Ordinal))
                {
                    return $"'{name}' is listed twice; list each algorithm once, e.g. {example}";
                }

                names.Add(name);
            }
        }

        return names.Count == 0 ? $"the list is empty; write e.g. {example}" : null;
    }

    /// <summary>sshd PermitOpen entries: HOST:PORT destinations and/or "any".</summary>
    public static string? PermitOpen(IReadOnlyList<string> values, out List<string> entries)
    {
        entries = new List<string>(values.Count);
        foreach (var raw in values)
        {
            var text = raw.Trim();
            if (string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
            {
                entries.Add("any");
                continue;
            }

            if (!HostPort.TryParse(text, "localhost:5432", out var parsed, out var reason))
            {
                return $"{reason} (or 'any' to allow every destination)";
            }

            entries.Add(parsed.ToString());
        }

        // 'any' with HOST:PORT entries is meaningful: 'any' still refuses the relay's own loopback
        // and listen addresses, and an entry naming one of them exactly opens that one.
        return null;
    }

    /// <summary>Tunnels:BindPolicy: pool or replace.</summary>
    public static string? BindPolicy(IReadOnlyList<string> values, out Warren.Relay.Tunnels.BindPolicy policy)
    {
        policy = Warren.Relay.Tunnels.BindPolicy.Pool;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        switch (text.Trim().ToUpperInvariant())
        {
            case "POOL":
                return null;
            case "REPLACE":
                policy = Warren.Relay.Tunnels.BindPolicy.Replace;
                return null;
            default:
                return $"'{text}' is not a bind policy; write pool (sessions of one account share a name) or replace (the newest session takes it over)";
        }
    }

    /// <summary>A port range LOW-HIGH (or one port) for the relay ports of ssh -R.</summary>
    public static string? PortRange(IReadOnlyList<string> values, out string range)
    {
        range = string.Empty;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        if (!Warren.Relay.Forwarding.PortRange.TryParse(text, out var parsed, out var reason))
        {
            return reason;
        }

        range = parsed.ToString();
        return null;
    }

    /// <summary>An address to bind: an IP address or a host name, without a port.</summary>
    public static string? BindHost(IReadOnlyList<string> values, out string host)
    {
        host = string.Empty;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        text = text.Trim();
        if (System.Net.IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            host = address.ToString();
            return null;
        }

        if (!HostPort.IsValidHostName(text, out var reason))
        {
            return $"{reason}; write an address such as 0.0.0.0, :: or 127.0.0.1";
        }

        host = text;
        return null;
    }

    /// <summary>Akka seed node addresses: akka.tcp://warren@HOST:PORT.</summary>
    public static string? SeedNodes(IReadOnlyList<string> values, out List<string> nodes)
    {
        const string Scheme = "akka.tcp://";
        const string Example = "akka.tcp://warren@node1:4053";
        nodes = new List<string>(values.Count);
        foreach (var raw in values)
        {
            var text = raw.Trim();
            var at = text.IndexOf('@', StringComparison.Ordinal);
            if (!text.StartsWith(Scheme, StringComparison.Ordinal) || at < 0)
            {
                return $"'{text}' is not akka.tcp://warren@HOST:PORT; write e.g. {Example}";
            }

            var system = text[Scheme.Length..at];
            if (system != "warren")
            {
                return $"'{text}' names actor system '{system}', but warren's is 'warren'; write e.g. {Example}";
            }

            if (!HostPort.TryParse(text[(at + 1)..], "node1:4053", out var parsed, out var reason))
            {
                return $"in '{text}': {reason}";
            }

            nodes.Add(Scheme + system + "@" + parsed);
        }

        return null;
    }

    public static string? Domain(IReadOnlyList<string> values, out string domain)
    {
        domain = string.Empty;
        if (Single(values, out var text) is { } problem)
        {
            return problem;
        }

        text = text.Trim().ToLowerInvariant();
        if (!HostPort.IsValidHostName(text, out var reason))
        {
            return $"{reason}; write e.g. tunnels.example.com";
        }

        domain = text;
        return null;
    }

    /// <summary>
    /// Edge:CustomDomains, HOST=ACCOUNT entries: HOST a host name outside <paramref name="domain"/>
    /// (lowercased), ACCOUNT non-empty, each HOST once.
    /// </summary>
    public static string? CustomDomains(IReadOnlyList<string> values, string domain, out Dictionary<string, string> domains)
    {
        domains = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in values)
        {
            var text = raw.Trim();
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var host = equals < 0 ? text : text[..equals].Trim().TrimEnd('.').ToLowerInvariant();
            var account = equals < 0 ? string.Empty : text[(equals + 1)..].Trim();
            if (equals < 0 || account.Length == 0)
            {
                return $"'{text}' is not HOST=ACCOUNT; write e.g. app.example.com=alice";
            }

            if (!HostPort.IsValidHostName(host, out var reason))
            {
                return $"in '{text}': {reason}; write e.g. app.example.com=alice";
            }

            if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                return $"in '{text}': {host} is under --domain {domain}, where every name is a tunnel already; give a host outside {domain}";
            }

            if (domains.TryGetValue(host, out var owner) && owner != account)
            {
                return $"custom domain {host} is given to both {owner} and {account}; give it to one account";
            }

            domains[host] = account;
        }

        return null;
    }

    private static string? FullPath(string text, out string path)
    {
        path = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the path is empty; give a file or directory path";
        }

        try
        {
            path = System.IO.Path.GetFullPath(text);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{text}' is not a usable path ({e.Message}); give a file or directory path";
        }
    }
}
