namespace Warren.Relay.Tunnels;

/// <summary>
/// What a bind must pass before it reaches a tunnel, the same on the local registry and the
/// cluster's router: a valid name (normalized to lowercase), a custom domain only by its account,
/// and a port.
/// </summary>
internal static class BindChecks
{
    /// <summary>
    /// Returns the bind with its name normalized, or null with <paramref name="refusal"/> set.
    /// </summary>
    public static BindTunnel? Check(BindTunnel m, TunnelNameRules rules, out TunnelBindRefused? refusal)
    {
        refusal = null;
        if (!TunnelName.TryParse(m.Name, rules, out var name, out var reason))
        {
            refusal = new TunnelBindRefused(m.Name, reason, m.Backend);
            return null;
        }

        if (rules.TryGetCustomDomain(name.Value, out var owner) && owner != m.Account)
        {
            refusal = new TunnelBindRefused(name.Value, $"{name.Value} is a custom domain of another account", m.Backend);
            return null;
        }

        if (m.Backend.BindPort == 0)
        {
            // Port 0 asks the server to pick a port (RFC 4254 section 7.1); a name has none to pick.
            refusal = new TunnelBindRefused(name.Value, $"tunnel '{name.Value}' needs a port: use 80 (HTTP), 443 (TLS) or the service's port", m.Backend);
            return null;
        }

        return m.Name == name.Value ? m : m with { Name = name.Value };
    }
}
