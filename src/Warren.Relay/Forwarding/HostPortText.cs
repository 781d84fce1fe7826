using System.Globalization;
using System.Net;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Splitting and printing HOST:PORT the way OpenSSH does (misc.c <c>hpdelim2</c>): an IPv6 host
/// goes in brackets, any other host runs up to the first colon. Host comparison is shared here so
/// permitopen, permitlisten and --permit-open agree on what "the same host" means.
/// </summary>
internal static class HostPortText
{
    /// <summary>Splits <c>host:port</c> or <c>[v6]:port</c>; the host comes back without brackets.</summary>
    public static bool TrySplit(string value, out string host, out string port) => Warren.Ssh.Auth.HostPortSyntax.TrySplit(value, out host, out port);

    /// <summary>A port 1-65535, or <c>*</c> (any: <paramref name="port"/> is null).</summary>
    public static bool TryParsePort(string text, bool allowZero, out int? port)
    {
        port = null;
        if (text == "*")
        {
            return true;
        }

        if (text.Length is 0 or > 5 || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > 65535 || (number == 0 && !allowZero))
        {
            return false;
        }

        port = number;
        return true;
    }

    /// <summary>
    /// True when two hosts name the same thing: equal addresses when both are IP literals
    /// (<c>::1</c> and <c>0:0::1</c>), otherwise equal names ignoring ASCII case and one trailing
    /// dot (DNS names are case-insensitive, RFC 4343).
    /// </summary>
    public static bool SameHost(string a, string b)
    {
        a = Unbracket(a);
        b = Unbracket(b);
        if (IPAddress.TryParse(a, out var addressA) && IPAddress.TryParse(b, out var addressB))
        {
            return Normalize(addressA).Equals(Normalize(addressB));
        }

        return string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>host:port</c>, with brackets around an IPv6 host.</summary>
    public static string Format(string host, long port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
            ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Drops the brackets some clients put around an IPv6 host.</summary>
    public static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;

    /// <summary>An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address; the rest as is.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>User-supplied text in a message: printable ASCII only, at most 80 characters.</summary>
    public static string Printable(string text)
    {
        var shortened = text.Length <= 80 ? text : text[..80] + "...";
        return string.Create(shortened.Length, shortened, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
