using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Warren.Ssh.Auth;

/// <summary>
/// The <c>from="pattern-list"</c> test of sshd.8 (match.c <c>match_host_and_ip</c>, addrmatch.c
/// <c>addr_match_list</c>) for a client address. The relay does no reverse DNS, so a pattern is
/// matched against the address's text (with <c>*</c> and <c>?</c>), as an exact address, or as a
/// CIDR block. A matching negated pattern (<c>!pattern</c>) refuses outright, whatever else
/// matches; otherwise one matching plain pattern is needed. IPv4-mapped IPv6 addresses are
/// treated as the IPv4 address. Pure and thread-safe.
/// </summary>
internal static class AddressPatternMatcher
{
    /// <summary>
    /// Checks one pattern of a list at parse time, so that a broken pattern makes its line malformed
    /// instead of failing every login later (sshd logs "inappropriate CIDR" and refuses).
    /// </summary>
    public static bool TryValidate(string pattern, out string error)
    {
        var body = pattern.StartsWith('!') ? pattern[1..] : pattern;
        if (body.Length == 0)
        {
            error = "empty pattern in from=";
            return false;
        }

        foreach (var c in body)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '!' || c == ',')
            {
                error = $"bad character in from= pattern \"{pattern}\"";
                return false;
            }
        }

        if (body.Contains('/', StringComparison.Ordinal) && !TryParseCidr(body, out _, out _))
        {
            error = $"invalid CIDR \"{body}\" in from=";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>True when <paramref name="address"/> passes <paramref name="patterns"/> (one element per pattern).</summary>
    public static bool Matches(IReadOnlyList<string> patterns, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(address);
        var canonical = Canonical(address);
        var text = canonical.ToString();
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (body.Length == 0)
            {
                // Validated away at parse time; if one slips through, fail closed like sshd (-2).
                return false;
            }

            bool hit;
            if (body.Contains('/', StringComparison.Ordinal))
            {
                if (!TryParseCidr(body, out var network, out var prefix))
                {
                    return false;
                }

                hit = InNetwork(canonical, network, prefix);
            }
            else if (IPAddress.TryParse(body, out var literal) && !body.Contains('%', StringComparison.Ordinal))
            {
                hit = Canonical(literal).Equals(canonical);
            }
            else
            {
                hit = WildcardMatch(text, body);
            }

            if (hit && negated)
            {
                return false;
            }

            matched |= hit;
        }

        return matched;
    }

    /// <summary>Drops the IPv6 scope and unwraps IPv4-mapped addresses (::ffff:a.b.c.d).</summary>
    internal static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            return new IPAddress(address.GetAddressBytes());
        }

        return address;
    }

    /// <summary>
    /// Parses <c>address/bits</c>; like addrmatch.c <c>addr_pton_cidr</c> it refuses a prefix longer
    /// than the address and host bits set below the prefix (<c>10.0.0.1/8</c> is a typo, not a net).
    /// </summary>
    internal static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressPart = text[..slash];
        var prefixPart = text[(slash + 1)..];
        if (prefixPart.Length is 0 or > 3 || !prefixPart.All(char.IsAsciiDigit)
            || !int.TryParse(prefixPart, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
        {
            return false;
        }

        if (addressPart.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressPart, out var parsed))
        {
            return false;
        }

        // A mapped network (::ffff:10.0.0.0/104) keeps its IPv6 form: it matches nothing after
        // Canonical(), the same as in sshd, which never compares across families.
        network = parsed;
        var bytes = parsed.GetAddressBytes();
        if (prefix > bytes.Length * 8)
        {
            return false;
        }

        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        if (!address.TryWriteBytes(a, out var length) || !network.TryWriteBytes(n, out _))
        {
            return false;
        }

        for (var bit = 0; bit < prefix && bit < length * 8; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>match.c <c>match_pattern</c>: <c>*</c> any run, <c>?</c> one character, case-insensitive like host names.</summary>
    internal static bool WildcardMatch(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
