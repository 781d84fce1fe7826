namespace Warren.Relay.Tunnels;

/// <summary>
/// The names no one may bind (the relay's own host names and look-alikes) and the custom domains
/// (whole host names) that only their account may bind.
/// </summary>
internal sealed class TunnelNameRules
{
    // Before Default: static fields initialize in text order.
    private static readonly Dictionary<string, string> NoCustomDomains = [];

    /// <summary>The built-in reserved names.</summary>
    public static readonly IReadOnlyList<string> DefaultReserved =
        ["www", "api", "admin", "status", "metrics", "ssh", "relay"];

    public static readonly TunnelNameRules Default = new(DefaultReserved);

    private readonly HashSet<string> _reserved;
    private readonly IReadOnlyDictionary<string, string> _customDomains;

    public TunnelNameRules(IEnumerable<string> reserved)
        : this(reserved, NoCustomDomains)
    {
    }

    /// <param name="reserved">Names no one may bind.</param>
    /// <param name="customDomains">Lowercase host to the account that may bind it (--custom-domain).</param>
    public TunnelNameRules(IEnumerable<string> reserved, IReadOnlyDictionary<string, string> customDomains)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        ArgumentNullException.ThrowIfNull(customDomains);
        _reserved = new HashSet<string>(reserved, StringComparer.OrdinalIgnoreCase);
        _customDomains = customDomains;
    }

    public IReadOnlyCollection<string> Reserved => _reserved;

    public bool IsReserved(string name) => _reserved.Contains(name);

    /// <summary>True when the lowercase <paramref name="host"/> is a custom domain; <paramref name="account"/> owns it.</summary>
    public bool TryGetCustomDomain(string host, out string account) =>
        _customDomains.TryGetValue(host, out account!);
}
