using Warren.Server.Configuration;

namespace Warren.Server.Tests.Cli;

/// <summary>
/// The command line of ARCHITECTURE.md is a contract that changes only by adding; these
/// tests keep the flag table and the README from drifting away from it.
/// </summary>
public sealed class ContractTests
{
    private static readonly string[] ContractFlags =
    [
        "--config", "--data-dir", "--ssh-listen", "--host-key", "--authorized-keys",
        "--trusted-user-ca-keys", "--anonymous", "--permit-open", "--domain", "--http-listen",
        "--tls-listen", "--metrics-listen", "--cluster-config", "--cluster-listen", "--seed-node",
        "--relay-listen",

        // Added with issue 3 (authentication limits).
        "--max-auth-tries", "--max-startups", "--per-source-max-startups", "--per-source-penalties",
        "--banner", "--password-file", "--revoked-keys", "--clock-skew",

        // Added with the session limits and ClientAlive.
        "--client-alive-interval", "--client-alive-count-max", "--max-channels-per-session",
        "--max-forwards-per-session", "--max-tunnels-per-account", "--max-sessions-per-account",
        "--bind-policy", "--name-grace-time", "--idle-timeout",

        // Added with the relay links (issue 6).
        "--cluster-secret-file", "--drain-timeout",
        // Added with the threat model (issue 10).
        "--send-timeout",

        // Added with custom domains (issue 5).
        "--custom-domain",

        // Added with TLS on relay links (issue 6).
        "--relay-tls-cert", "--relay-tls-key", "--relay-tls-ca",

        // Added for relays behind a load balancer (the session texts and force-https).
        "--public-ssh-host", "--public-ssh-port", "--public-http-port", "--public-tls-port",
    ];

    private static readonly string[] RepeatableFlags = ["--host-key", "--permit-open", "--seed-node", "--custom-domain"];

    [Fact]
    public void ServeSettings_ContractFlags_AreAllPresent()
    {
        var flags = ServeSettings.All.Select(s => s.Flag).ToHashSet();

        Assert.All(ContractFlags, flag => Assert.Contains(flag, flags));
    }

    [Fact]
    public void ServeSettings_ContractRepeatableFlags_AreRepeatable()
    {
        Assert.All(RepeatableFlags, flag => Assert.Equal(SettingShape.Repeated, ServeSettings.ByFlag(flag)!.Shape));
    }

    [Fact]
    public void ServeSettings_FlagsAndKeys_AreUnique()
    {
        Assert.Equal(ServeSettings.All.Count, ServeSettings.All.Select(s => s.Flag).Distinct().Count());
        Assert.Equal(ServeSettings.All.Count, ServeSettings.All.Select(s => s.Key.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Readme_FlagTable_ListsEveryFlagAndKey()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.All(ServeSettings.All, setting =>
        {
            Assert.Contains("`" + setting.Flag, readme, StringComparison.Ordinal);
            if (setting.AllowedInFile)
            {
                Assert.Contains("`" + setting.Key + "`", readme, StringComparison.Ordinal);
            }
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Warren.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Warren.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
