using System.Net;
using System.Net.Sockets;

namespace Warren.Ssh.Auth;

/// <summary>
/// The two address lists a certificate login meets: a certificate's <c>source-address</c>
/// (comma-separated addresses and CIDR blocks, no wildcards; OpenSSH addr_match_cidr_list) and a
/// minimal <c>from=</c> matcher for cert-authority lines (wildcards <c>*</c>/<c>?</c> on the
/// address text, CIDR blocks, <c>!</c> negation; no host names, Warren does not resolve them).
/// </summary>
internal static class AddressPatterns
{
    /// <summary>
    /// Parses a <c>source-address</c> list. False on any syntax error (the certificate is then
    /// refused, as sshd does): empty entries, wildcards, host names, prefix lengths out of range,
    /// or host bits set below the prefix.
    /// </summary>
    public static bool TryParseCidrList(string list, out List<(IPAddress Network, int PrefixLength)> blocks)
    {
        blocks = [];
        if (list.Length == 0 || list.Length > 4096)
        {
            return false;
        }

        foreach (var entry in list.Split(','))
        {
            if (!TryParseCidr(entry, out var network, out var prefix))
            {
                return false;
            }

            blocks.Add((network, prefix));
        }

        return true;
    }

    /// <summary>True when <paramref name="address"/> falls in one of <paramref name="blocks"/>.</summary>
    public static bool MatchesAny(IReadOnlyList<(IPAddress Network, int PrefixLength)> blocks, IPAddress address)
    {
        address = Normalize(address);
        foreach (var (network, prefix) in blocks)
        {
            if (InBlock(address, network, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// sshd <c>match_host_and_ip</c> on the address only: a matching negated pattern refuses at
    /// once; otherwise at least one positive pattern must match. A malformed CIDR refuses.
    /// </summary>
    public static bool MatchesFromPatterns(IReadOnlyList<string> patterns, IPAddress address)
    {
        address = Normalize(address);
        var text = address.ToString();
        var matched = false;
        foreach (var item in patterns)
        {
            foreach (var raw in item.Split(','))
            {
                var pattern = raw.Trim();
                var negated = pattern.StartsWith('!');
                if (negated)
                {
                    pattern = pattern[1..];
                }

                if (pattern.Length == 0)
                {
                    continue;
                }

                bool hit;
                if (pattern.Contains('/', StringComparison.Ordinal))
                {
                    if (!TryParseCidr(pattern, out var network, out var prefix))
                    {
                        return false;
                    }

                    hit = InBlock(address, network, prefix);
                }
                else
                {
                    hit = WildcardMatch(text, pattern.ToLowerInvariant());
                }

                if (hit && negated)
                {
                    return false;
                }

                matched |= hit;
            }
        }

        return matched;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TryParseCidr(string entry, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        if (addressText.Length == 0 || addressText.AsSpan().IndexOfAny("*?% \t") >= 0 || !IPAddress.TryParse(addressText, out var parsed))
        {
            return false;
        }

        // IPAddress.TryParse accepts "1" or "1.2" as IPv4 shorthands; OpenSSH's inet_pton does not.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3)
        {
            return false;
        }

        var maxPrefix = parsed.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = entry[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || !int.TryParse(prefixText, out prefix) || prefix > maxPrefix)
            {
                return false;
            }
        }

        // OpenSSH addr_netmatch refuses a block with host bits set (e.g. 10.0.0.1/8).
        network = parsed;
        return Masked(parsed.GetAddressBytes(), prefix).AsSpan().SequenceEqual(parsed.GetAddressBytes());
    }

    private static bool InBlock(IPAddress address, IPAddress network, int prefix) =>
        address.AddressFamily == network.AddressFamily
        && Masked(address.GetAddressBytes(), prefix).AsSpan().SequenceEqual(network.GetAddressBytes());

    private static byte[] Masked(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return bytes;
    }

    /// <summary>OpenSSH match_pattern: <c>*</c> any run, <c>?</c> one character.</summary>
    private static bool WildcardMatch(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
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
