using System.Globalization;
using System.Net;

namespace Warren.Relay.Forwarding;

/// <summary>
/// One permitted direct-tcpip destination: a --permit-open value or a key's
/// <c>permitopen="host:port"</c>. The host is literal (no patterns, no name lookup: sshd.8) or
/// <c>*</c> for any host; the port is a number or <c>*</c> for any port. <c>any</c> is <c>*:*</c>.
/// </summary>
/// <param name="Host">The host without brackets, or <c>*</c>.</param>
/// <param name="Port">The port, or null for any port.</param>
public sealed record PermitOpenEntry(string Host, int? Port)
{
    /// <summary>The entry <c>any</c>: every host, every port.</summary>
    public static PermitOpenEntry Any { get; } = new("*", null);

    /// <summary>True when the host is <c>*</c>: the entry does not name a host.</summary>
    public bool IsWildcardHost => Host == "*";

    /// <summary>
    /// Parses <c>any</c>, <c>host:port</c>, <c>[v6]:port</c>, <c>host:*</c> or <c>*:port</c>.
    /// On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string text, out PermitOpenEntry entry, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        entry = Any;
        error = string.Empty;
        var value = text.Trim();
        if (string.Equals(value, "any", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!HostPortText.TrySplit(value, out var host, out var portText) || host.Length == 0)
        {
            error = $"'{HostPortText.Printable(value)}' is not HOST:PORT, [IPv6]:PORT or 'any'";
            return false;
        }

        if (!HostPortText.TryParsePort(portText, allowZero: false, out var port))
        {
            error = $"'{HostPortText.Printable(value)}' has port '{HostPortText.Printable(portText)}', not 1-65535 or '*'";
            return false;
        }

        entry = new PermitOpenEntry(host, port);
        return true;
    }

    /// <summary>Parses each text; entries that do not parse are left out (they match nothing).</summary>
    public static IReadOnlyList<PermitOpenEntry> ParseAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var entries = new List<PermitOpenEntry>();
        foreach (var text in texts)
        {
            if (TryParse(text, out var entry, out _))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>True when <paramref name="host"/>:<paramref name="port"/> is what this entry permits.</summary>
    public bool Matches(string host, int port) =>
        (Port is null || Port == port) && (IsWildcardHost || HostPortText.SameHost(Host, host));

    /// <summary>True when this entry names <paramref name="address"/> itself (an IP literal host) and the port fits.</summary>
    public bool NamesAddress(IPAddress address, int port) =>
        (Port is null || Port == port)
        && !IsWildcardHost
        && IPAddress.TryParse(Host, out var own)
        && HostPortText.Normalize(own).Equals(HostPortText.Normalize(address));

    public override string ToString()
    {
        if (IsWildcardHost && Port is null)
        {
            return "any";
        }

        var port = Port?.ToString(CultureInfo.InvariantCulture) ?? "*";
        return Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{port}" : $"{Host}:{port}";
    }
}
