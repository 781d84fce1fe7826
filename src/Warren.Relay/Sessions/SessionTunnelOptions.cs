using Warren.Relay.Edge;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Sessions;

/// <summary>
/// Reads the tunnel options of a session command strictly with <see cref="EdgeTunnelOptionsParser"/>
/// and checks them against what this relay can do: <c>force-https</c> needs TLS that ends at the
/// relay (<c>--tls-listen</c> with <c>--tls-cert</c>); an option the relay could not honour is
/// refused rather than ignored. Never throws.
/// </summary>
internal static class SessionTunnelOptions
{
    /// <summary>
    /// Reads <paramref name="commandLine"/>; on success <paramref name="options"/> holds them, with
    /// <c>allow-accounts=any</c> as <see cref="TunnelState.AnyAccount"/>. <paramref name="httpsAtEdge"/>:
    /// the relay ends TLS for HTTP tunnels, so it can redirect to HTTPS.
    /// </summary>
    public static bool TryRead(string commandLine, bool httpsAtEdge, out EdgeTunnelOptions options, out string problem)
    {
        if (!EdgeTunnelOptionsParser.TryParse(commandLine, out options, out problem))
        {
            return false;
        }

        if (options.ForceHttps && !httpsAtEdge)
        {
            options = EdgeTunnelOptions.Default;
            problem = "force-https needs HTTPS at this relay, and it has none (the operator sets --tls-listen with --tls-cert and --tls-key); leave force-https out";
            return false;
        }

        if (options.AllowAccounts.Count > 0)
        {
            var accounts = new List<string>(options.AllowAccounts.Count);
            foreach (var account in options.AllowAccounts)
            {
                accounts.Add(account == "any" ? TunnelState.AnyAccount : account);
            }

            options = options with { AllowAccounts = accounts };
        }

        return true;
    }

    /// <summary>How the greeting names <paramref name="accounts"/>.</summary>
    public static string Describe(IReadOnlyList<string> accounts) =>
        accounts.Contains(TunnelState.AnyAccount)
            ? "any account"
            : string.Join(", ", accounts.Select(HostPortText.Printable));
}
