using System.Globalization;
using System.Net;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// Parses the per-tunnel options of a session command strictly: every word is
/// <c>name=value</c> (or a bare switch) that this relay knows, with a value of the right shape;
/// the first problem is reported with what was wrong, and nothing is guessed. Never throws.
/// </summary>
internal static class EdgeTunnelOptionsParser
{
    /// <summary>Longest command line considered (a few options, some CIDRs).</summary>
    public const int MaxLength = 4096;

    private const int MaxAllowEntries = 64;

    /// <summary>True when every word of <paramref name="commandLine"/> looks like an option (<c>name=...</c> or a known switch), so the line is meant as options rather than an exec command.</summary>
    public static bool LooksLikeOptions(string commandLine)
    {
        var words = Words(commandLine);
        return words.Length > 0 && Array.TrueForAll(words, w => w.Contains('=', StringComparison.Ordinal) || w == "force-https");
    }

    /// <summary>Parses <paramref name="commandLine"/>. On false, <paramref name="problem"/> is one sentence for the session, naming the option and the fix.</summary>
    public static bool TryParse(string commandLine, out EdgeTunnelOptions options, out string problem)
    {
        options = EdgeTunnelOptions.Default;
        problem = string.Empty;
        if (commandLine.Length > MaxLength)
        {
            problem = $"the options are longer than {MaxLength} characters";
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(commandLine))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            var value = equals < 0 ? null : word[(equals + 1)..];
            if (!seen.Add(name))
            {
                problem = $"option '{Shown(name)}' is given twice; give it once";
                options = EdgeTunnelOptions.Default;
                return false;
            }

            if (!TryApply(name, value, ref options, out problem))
            {
                // Nothing half-applied: a refused line leaves the defaults.
                options = EdgeTunnelOptions.Default;
                return false;
            }
        }

        return true;
    }

    private static bool TryApply(string name, string? value, ref EdgeTunnelOptions options, out string problem)
    {
        problem = string.Empty;
        switch (name)
        {
            case "auth":
                var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (value is null || colon <= 0 || colon == value.Length - 1)
                {
                    problem = "auth= takes user:password, e.g. auth=alice:s3cret";
                    return false;
                }

                options = options with { BasicAuth = new BasicAuthCredentials(value[..colon], value[(colon + 1)..]) };
                return true;
            case "allow":
                return TryAllow(value, ref options, out problem);
            case "forwarded":
                if (!TryOnOff(value, out var forwarded))
                {
                    problem = "forwarded= takes on or off";
                    return false;
                }

                options = options with { ForwardedOff = !forwarded };
                return true;
            case "host-header":
                if (string.IsNullOrEmpty(value) || value.Length > 255 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':' or '[' or ']'))
                {
                    problem = "host-header= takes a host name (and optional :port), e.g. host-header=localhost:3000";
                    return false;
                }

                options = options with { HostHeader = value };
                return true;
            case "proxy-protocol":
                if (value is not ("1" or "2"))
                {
                    problem = "proxy-protocol= takes 1 or 2 (the PROXY protocol version)";
                    return false;
                }

                options = options with { ProxyProtocol = int.Parse(value, CultureInfo.InvariantCulture) };
                return true;
            case "force-https":
                if (value is not null && !TryOnOff(value, out _))
                {
                    problem = "force-https takes no value, or true/false";
                    return false;
                }

                options = options with { ForceHttps = value is null || TryOnOff(value, out var on) && on };
                return true;
            case "allow-accounts":
                var accounts = value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                if (accounts.Length == 0)
                {
                    problem = "allow-accounts= takes a comma-separated list of accounts, or any";
                    return false;
                }

                options = options with { AllowAccounts = accounts };
                return true;
            case "bind":
                if (value is not ("pool" or "replace"))
                {
                    problem = "bind= takes pool (join the name's backends) or replace (take the name over)";
                    return false;
                }

                options = options with { Bind = value == "replace" ? BindPolicy.Replace : BindPolicy.Pool };
                return true;
            default:
                problem = $"unknown option '{Shown(name)}'; known: auth=, allow=, forwarded=, host-header=, proxy-protocol=, force-https, allow-accounts=, bind=";
                return false;
        }
    }

    private static bool TryAllow(string? value, ref EdgeTunnelOptions options, out string problem)
    {
        problem = string.Empty;
        var entries = value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (entries.Length is 0 or > MaxAllowEntries)
        {
            problem = $"allow= takes 1 to {MaxAllowEntries} comma-separated addresses or CIDR networks, e.g. allow=203.0.113.0/24";
            return false;
        }

        // Kept as canonical CIDR text (see EdgeTunnelOptions): a bare address is a /32 or /128.
        var networks = new List<string>(entries.Length);
        foreach (var entry in entries)
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network.ToString());
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8).ToString());
            }
            else
            {
                problem = $"allow=: '{Shown(entry)}' is not an address or a CIDR network (write e.g. 203.0.113.0/24 or 2001:db8::/32)";
                return false;
            }
        }

        options = options with { Allow = networks };
        return true;
    }

    private static bool TryOnOff(string? value, out bool on)
    {
        on = value is "on" or "true" or "yes";
        return on || value is "off" or "false" or "no";
    }

    private static string[] Words(string commandLine) =>
        commandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Visitor text as shown back: printable ASCII, at most 40 characters.</summary>
    private static string Shown(string text)
    {
        var shown = new string(text.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return text.Length > 40 ? shown + "..." : shown;
    }
}
