using Warren.Relay.Edge;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Sessions;

/// <summary>
/// Reads the tunnel options of a session command strictly with <see cref="EdgeTunnelOptionsParser"/>
/// and accepts only those the relay applies today (<c>allow-accounts=</c>); an edge option that is
/// valid but not applied yet is refused rather than ignored. Never throws.
/// </summary>
internal static class SessionTunnelOptions
{
    private const string AllowAccountsOption = "allow-accounts";

    /// <summary>Reads <paramref name="commandLine"/>; on success <paramref name="allowAccounts"/> holds the accounts (<see cref="TunnelState.AnyAccount"/> for any).</summary>
    public static bool TryRead(string commandLine, out IReadOnlyList<string> allowAccounts, out string problem)
    {
        allowAccounts = [];
        if (!EdgeTunnelOptionsParser.TryParse(commandLine, out var options, out problem))
        {
            return false;
        }

        foreach (var word in commandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            if (name != AllowAccountsOption)
            {
                problem = $"option '{HostPortText.Printable(name)}' is not applied by this relay yet; leave it out";
                return false;
            }
        }

        var accounts = new List<string>(options.AllowAccounts.Count);
        foreach (var account in options.AllowAccounts)
        {
            accounts.Add(account == "any" ? TunnelState.AnyAccount : account);
        }

        allowAccounts = accounts;
        return true;
    }

    /// <summary>How the greeting names <paramref name="accounts"/>.</summary>
    public static string Describe(IReadOnlyList<string> accounts) =>
        accounts.Contains(TunnelState.AnyAccount)
            ? "any account"
            : string.Join(", ", accounts.Select(HostPortText.Printable));
}
