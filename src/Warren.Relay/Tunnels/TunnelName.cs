namespace Warren.Relay.Tunnels;

/// <summary>
/// A tunnel name: one DNS label (RFC 1035 section 2.3.1, with RFC 1123's leading digit), so it can
/// be the left-most label of <c>name.domain</c>. Lowercase letters, digits and hyphens, 1 to 63
/// characters, not starting or ending with a hyphen. Names are case-insensitive: the value is
/// always lowercase. A custom domain the operator mapped to an account (<c>--custom-domain</c>)
/// is a name too: the whole host, dots included.
/// </summary>
internal readonly record struct TunnelName
{
    public const int MaxLength = 63;

    private const int HostNameMaxLength = 253;

    private TunnelName(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// Parses <paramref name="text"/> under <paramref name="rules"/>. On false,
    /// <paramref name="reason"/> is a sentence fit to show the client.
    /// </summary>
    public static bool TryParse(string? text, TunnelNameRules rules, out TunnelName name, out string reason)
    {
        ArgumentNullException.ThrowIfNull(rules);
        name = default;
        if (string.IsNullOrEmpty(text))
        {
            reason = "a tunnel name must not be empty";
            return false;
        }

        if (!IsLabel(text))
        {
            var host = text.ToLowerInvariant();
            if (IsHostName(host) && rules.TryGetCustomDomain(host, out _))
            {
                name = new TunnelName(host);
                reason = string.Empty;
                return true;
            }

            reason = $"'{Shorten(text)}' is not a valid tunnel name: use 1 to {MaxLength} letters, digits and hyphens, not starting or ending with a hyphen";
            return false;
        }

        var value = text.ToLowerInvariant();
        if (rules.IsReserved(value))
        {
            reason = $"tunnel name '{value}' is reserved";
            return false;
        }

        name = new TunnelName(value);
        reason = string.Empty;
        return true;
    }

    /// <summary>The syntax check alone, case-insensitive, with no reserved names.</summary>
    public static bool IsLabel(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > MaxLength || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A host name (RFC 1123): 1 to 253 characters of dot-separated labels.</summary>
    public static bool IsHostName(string text)
    {
        if (text.Length is 0 or > HostNameMaxLength)
        {
            return false;
        }

        var span = text.AsSpan();
        foreach (var label in span.Split('.'))
        {
            if (!IsLabel(span[label]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The lowercase form of a one-label name, or null when <paramref name="text"/> is not one
    /// (a real host such as 127.0.0.1 or db.internal). Reserved names are not checked.
    /// </summary>
    public static string? Normalize(string? text) =>
        text is not null && IsLabel(text) ? text.ToLowerInvariant() : null;

    /// <summary>
    /// The lowercase form used as the routing key (registry child, shard entity id), or null when
    /// <paramref name="text"/> cannot be a tunnel name. A dotted host name passes, since it may be
    /// a custom domain. Reserved names and custom domains are not checked: a look-up of one that
    /// no one bound simply finds nothing.
    /// </summary>
    public static string? NormalizeKey(string? text) =>
        text is not null && IsHostName(text) ? text.ToLowerInvariant() : null;

    public override string ToString() => Value ?? string.Empty;

    // A hostile client can send a 255-byte bind address; the reason goes back on the wire.
    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}
