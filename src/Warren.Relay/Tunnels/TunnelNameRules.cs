namespace Warren.Relay.Tunnels;

/// <summary>The names no one may bind: the relay's own host names and look-alikes.</summary>
internal sealed class TunnelNameRules
{
    /// <summary>The built-in reserved names.</summary>
    public static readonly IReadOnlyList<string> DefaultReserved =
        ["www", "api", "admin", "status", "metrics", "ssh", "relay"];

    public static readonly TunnelNameRules Default = new(DefaultReserved);

    private readonly HashSet<string> _reserved;

    public TunnelNameRules(IEnumerable<string> reserved)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        _reserved = new HashSet<string>(reserved, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Reserved => _reserved;

    public bool IsReserved(string name) => _reserved.Contains(name);
}
