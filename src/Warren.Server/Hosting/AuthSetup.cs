using Microsoft.Extensions.Logging;
using Warren.Server.Configuration;
using Warren.Ssh.Auth;
using Warren.Ssh.Server;

namespace Warren.Server.Hosting;

/// <summary>
/// Turns the auth options into the policies a connection authenticates against. With no key
/// source at all, `warren serve` uses &lt;data dir&gt;/authorized_keys, created empty, and says
/// once at start-up how to add a key.
/// </summary>
internal static partial class AuthSetup
{
    public static UserAuthOptions Create(ServeOptions options, ILogger logger, TextWriter console)
    {
        var authorizedKeys = options.AuthorizedKeys;
        if (authorizedKeys is null && options.TrustedUserCaKeys is null && !options.Anonymous && options.PasswordFile is null)
        {
            authorizedKeys = CreateDefaultAuthorizedKeys(options.DataDir);
            console.WriteLine(
                $"No key is authorized yet: append a public key to {authorizedKeys} (e.g. cat ~/.ssh/id_ed25519.pub >> {authorizedKeys}); "
                + "it is read on change, no restart needed. Or start with --anonymous to let any key in.");
        }

        var store = authorizedKeys is null ? null : new AuthorizedKeysStore(authorizedKeys, line => LogMalformed(logger, line));
        var policy = PublicKeyPolicies.Create(options, store, line => LogMalformed(logger, line));
        var passwords = options.PasswordFile is null ? null : PasswordFile.Load(options.PasswordFile, line => LogMalformed(logger, line));
        return new UserAuthOptions
        {
            PublicKeys = policy,
            Passwords = passwords is null ? null : passwords.Verify,
            Anonymous = options.Anonymous,
            MaxAuthTries = options.MaxAuthTries,
            Banner = options.Banner is null ? null : File.ReadAllText(options.Banner),
        };
    }

    private static string CreateDefaultAuthorizedKeys(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "authorized_keys");
        if (!File.Exists(path) && OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, string.Empty);
        }
        else if (!File.Exists(path))
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }

        return path;
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Skipped a line: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string problem);
}
