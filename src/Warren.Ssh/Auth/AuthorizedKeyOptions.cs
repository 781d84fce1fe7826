using System.Globalization;

namespace Warren.Ssh.Auth;

/// <summary>
/// The options field of one authorized_keys line (sshd.8 "AUTHORIZED_KEYS FILE FORMAT", OpenSSH
/// auth-options.c <c>sshauthopt_parse</c>): comma-separated, case-insensitive keywords, values in
/// double quotes where <c>\"</c> is a quote, no whitespace outside quotes. Options apply in order,
/// so <c>restrict,port-forwarding</c> leaves forwarding on. Any keyword sshd does not know, a
/// repeated single-valued option or a value that does not parse makes the whole line malformed,
/// as sshd's "bad options" does: a line is never accepted with fewer restrictions than it says.
/// </summary>
internal sealed class AuthorizedKeyOptions
{
    private readonly List<string> _permitOpen = [];
    private readonly List<string> _permitListen = [];
    private string? _tunnel;

    private AuthorizedKeyOptions()
    {
    }

    /// <summary>The options of a line that has no options field.</summary>
    public static AuthorizedKeyOptions None => new();

    public bool PortForwarding { get; private set; } = true;

    public bool CertAuthority { get; private set; }

    public bool NoTouchRequired { get; private set; }

    public bool VerifyRequired { get; private set; }

    public string? Command { get; private set; }

    public IReadOnlyList<string>? Principals { get; private set; }

    public IReadOnlyList<string>? From { get; private set; }

    public DateTimeOffset? Expiry { get; private set; }

    public IReadOnlyList<string>? PermitOpen => _permitOpen.Count == 0 ? null : _permitOpen.ToArray();

    public IReadOnlyList<string>? PermitListen => _permitListen.Count == 0 ? null : _permitListen.ToArray();

    /// <summary>Parses an options field; <paramref name="localZone"/> interprets expiry times without Z.</summary>
    public static bool TryParse(string field, TimeZoneInfo localZone, out AuthorizedKeyOptions options, out string error)
    {
        options = new AuthorizedKeyOptions();
        var position = 0;
        while (true)
        {
            var nameStart = position;
            while (position < field.Length && field[position] is not (',' or '=' or '"'))
            {
                position++;
            }

            var name = field[nameStart..position].ToLowerInvariant();
            if (name.Length == 0)
            {
                error = "empty option in the options field";
                return false;
            }

            string? value = null;
            if (position < field.Length && field[position] == '=')
            {
                position++;
                if (!TryReadQuoted(field, ref position, out value))
                {
                    error = $"option {name}= needs a value in double quotes with a closing quote";
                    return false;
                }
            }
            else if (position < field.Length && field[position] == '"')
            {
                error = $"unexpected quote after option {name}";
                return false;
            }

            if (!options.TryApply(name, value, localZone, out error))
            {
                return false;
            }

            if (position == field.Length)
            {
                break;
            }

            if (field[position] != ',')
            {
                error = $"unexpected character after option {name}";
                return false;
            }

            position++;
            if (position == field.Length)
            {
                error = "options field ends with a comma";
                return false;
            }
        }

        if (options.Principals is not null && !options.CertAuthority)
        {
            error = "principals= is only valid together with cert-authority";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Reads <c>"..."</c> at <paramref name="position"/>; only <c>\"</c> is an escape (auth-options.c <c>opt_dequote</c>).</summary>
    private static bool TryReadQuoted(string field, ref int position, out string value)
    {
        value = string.Empty;
        if (position >= field.Length || field[position] != '"')
        {
            return false;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = position + 1; i < field.Length; i++)
        {
            var c = field[i];
            if (c == '"')
            {
                position = i + 1;
                value = builder.ToString();
                return true;
            }

            if (c == '\\' && i + 1 < field.Length && field[i + 1] == '"')
            {
                i++;
                c = '"';
            }

            builder.Append(c);
        }

        return false;
    }

    private bool TryApply(string name, string? value, TimeZoneInfo localZone, out string error)
    {
        if (TryApplyFlag(name))
        {
            error = value is null ? string.Empty : $"option {name} takes no value";
            return value is null;
        }

        if (name is not ("command" or "environment" or "tunnel" or "from" or "principals" or "expiry-time" or "permitopen" or "permitlisten"))
        {
            error = $"unknown option \"{Truncate(name)}\"";
            return false;
        }

        if (value is null)
        {
            error = $"option {name} needs a value";
            return false;
        }

        var alreadySet = name switch
        {
            "command" => Command is not null,
            "tunnel" => _tunnel is not null,
            "from" => From is not null,
            "principals" => Principals is not null,
            _ => false,
        };
        if (alreadySet)
        {
            error = $"option {name} given more than once";
            return false;
        }

        switch (name)
        {
            case "command":
                Command = value;
                break;
            case "environment":
                return CheckEnvironment(value, out error);
            case "tunnel":
                _tunnel = value;
                return CheckTunnel(value, out error);
            case "from":
                return TryParseFrom(value, out error);
            case "principals":
                return TryParsePrincipals(value, out error);
            case "expiry-time":
                return TryApplyExpiry(value, localZone, out error);
            case "permitopen":
                if (!ForwardTarget.TryValidatePermitOpen(value, out error))
                {
                    return false;
                }

                _permitOpen.Add(value);
                break;
            default:
                if (!ForwardTarget.TryValidatePermitListen(value, out error))
                {
                    return false;
                }

                _permitListen.Add(value);
                break;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Applies a keyword without value; false when <paramref name="name"/> is not one.</summary>
    private bool TryApplyFlag(string name)
    {
        switch (name)
        {
            case "restrict":
                // Also ends agent and X11 forwarding, PTYs and ~/.ssh/rc, none of which a relay offers.
                PortForwarding = false;
                return true;
            case "port-forwarding" or "no-port-forwarding":
                PortForwarding = name == "port-forwarding";
                return true;
            case "cert-authority":
                CertAuthority = true;
                return true;
            case "touch-required" or "no-touch-required":
                NoTouchRequired = name == "no-touch-required";
                return true;
            case "verify-required" or "no-verify-required":
                VerifyRequired = name == "verify-required";
                return true;
            case "agent-forwarding" or "no-agent-forwarding" or "x11-forwarding" or "no-x11-forwarding"
                or "pty" or "no-pty" or "user-rc" or "no-user-rc":
                return true;
            default:
                return false;
        }
    }

    private static bool CheckEnvironment(string value, out string error)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var ok = equals > 0 && value[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        error = ok ? string.Empty : "environment= must be NAME=value";
        return ok;
    }

    private static bool CheckTunnel(string value, out string error)
    {
        var ok = value.Equals("any", StringComparison.OrdinalIgnoreCase)
            || (value.Length is > 0 and <= 10 && value.All(char.IsAsciiDigit)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        error = ok ? string.Empty : "tunnel= must be a tunnel device number";
        return ok;
    }

    private bool TryParseFrom(string value, out string error)
    {
        var patterns = value.Split(',');
        foreach (var pattern in patterns)
        {
            if (!AddressPatternMatcher.TryValidate(pattern, out error))
            {
                return false;
            }
        }

        From = patterns;
        error = string.Empty;
        return true;
    }

    // CVE-2026-35414: kept as separate names, compared element by element, never re-split later.
    private bool TryParsePrincipals(string value, out string error)
    {
        var names = value.Split(',');
        if (names.Any(n => n.Length == 0 || n.Any(char.IsControl)))
        {
            error = "principals= has an empty or unprintable name";
            return false;
        }

        Principals = names;
        error = string.Empty;
        return true;
    }

    /// <summary>sshd keeps the earliest of several expiry-time options.</summary>
    private bool TryApplyExpiry(string value, TimeZoneInfo localZone, out string error)
    {
        if (!ExpiryTime.TryParse(value, localZone, out var expiry))
        {
            error = "expiry-time must be YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]";
            return false;
        }

        if (Expiry is null || expiry < Expiry)
        {
            Expiry = expiry;
        }

        error = string.Empty;
        return true;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
