using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// Maps the host a visitor asked for (HTTP <c>Host</c>, TLS SNI) to a tunnel name:
/// <c>name.domain</c>, <c>name.domain.</c> and <c>name.domain:port</c> give <c>name</c>; an
/// operator's custom domain (<c>--custom-domain</c>) gives the whole host, the name its account binds.
/// </summary>
internal static class EdgeHost
{
    // RFC 1035 section 2.3.4; a longer Host cannot be a custom domain, so it is not copied.
    private const int HostNameMaxLength = 253;

    /// <summary>
    /// True when <paramref name="host"/> is exactly one tunnel label under <paramref name="domain"/>,
    /// or one of <paramref name="customDomains"/> (lowercase keys); <paramref name="name"/> is then
    /// lowercase. Never throws on visitor input.
    /// </summary>
    public static bool TryGetTunnelName(ReadOnlySpan<char> host, string domain, IReadOnlyDictionary<string, string> customDomains, out string name)
    {
        ArgumentNullException.ThrowIfNull(customDomains);
        name = string.Empty;
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && host.IndexOf(':') == colon)
        {
            // One colon: host:port. More than one is an IPv6 literal, never a tunnel.
            host = host[..colon];
        }

        if (host.EndsWith("."))
        {
            host = host[..^1];
        }

        if (customDomains.Count > 0 && host.Length <= HostNameMaxLength)
        {
            var lower = host.ToString().ToLowerInvariant();
            if (customDomains.ContainsKey(lower))
            {
                name = lower;
                return true;
            }
        }

        // name + '.' + domain, with a non-empty name.
        if (host.Length <= domain.Length + 1
            || !host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            || host[host.Length - domain.Length - 1] != '.')
        {
            return false;
        }

        var label = host[..(host.Length - domain.Length - 1)];
        if (label.Length > TunnelName.MaxLength || label.Contains('.') || !TunnelName.IsLabel(label))
        {
            return false;
        }

        name = label.ToString().ToLowerInvariant();
        return true;
    }
}
