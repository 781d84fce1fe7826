namespace Warren.Relay.Metrics;

/// <summary>
/// Reduces a tcpip-forward refusal text (from the listen policy, the tunnel registry or the
/// session) to the fixed <c>reason</c> label set of <c>warren_tunnel_binds_refused_total</c>.
/// </summary>
internal static class BindRefusalReasons
{
    public static IReadOnlyList<string> All { get; } = ["malformed", "not_permitted", "invalid_name", "limit", "taken", "unsupported", "other"];

    public static string Classify(string reason)
    {
        if (Has(reason, "malformed"))
        {
            return "malformed";
        }

        if (Has(reason, "limit"))
        {
            return "limit";
        }

        if (Has(reason, "not served") || Has(reason, "not supported") || Has(reason, "needs a port"))
        {
            return "unsupported";
        }

        if (Has(reason, "permit") || Has(reason, "not allowed") || Has(reason, "forwarding"))
        {
            return "not_permitted";
        }

        if (Has(reason, "taken") || Has(reason, "belongs") || Has(reason, "is bound on port"))
        {
            return "taken";
        }

        if (Has(reason, "name"))
        {
            return "invalid_name";
        }

        return "other";
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
