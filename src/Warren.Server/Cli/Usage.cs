using System.Text;
using Warren.Server.Configuration;

namespace Warren.Server.Cli;

/// <summary>The text of <c>warren --help</c> and <c>warren serve --help</c>; serve's flags come from <see cref="ServeSettings"/>.</summary>
internal static class Usage
{
    public const string Keygen = """
        Usage: warren keygen --type ed25519|ecdsa|rsa --out FILE

        Writes a new host key: the private key to FILE (OpenSSH format), the public key to FILE.pub.

          --type ed25519|ecdsa|rsa       key type (required)
          --out FILE                     private key path; its directory must exist (required)
        """;

    public const string HashPassword = """
        Usage: warren hash-password [--user NAME]

        Reads one password line from stdin and prints its salted PBKDF2-SHA256 hash, the form
        --password-file expects. With --user, prints NAME:hash, a line to append to that file:

          printf '%s\n' 'secret' | warren hash-password --user alice >> /etc/warren/passwords

          --user NAME                    put NAME: before the hash (default: the hash alone)
        """;

    public static string Main
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine("Usage: warren <command> [options]");
            text.AppendLine();
            text.AppendLine("Warren is an SSH tunnel relay: ssh -R publishes a service, ssh -L/-W/-D reaches one.");
            text.AppendLine();
            text.AppendLine("Commands:");
            text.AppendLine("  serve                          run the relay (warren serve --help for its flags)");
            text.AppendLine("  keygen                         write a new host key (warren keygen --help)");
            text.AppendLine("  hash-password                  hash a password from stdin for --password-file (warren hash-password --help)");
            text.AppendLine();
            text.AppendLine("Options:");
            text.AppendLine("  --help, -h                     show this text");
            text.AppendLine("  --version                      print warren <version>");
            return text.ToString();
        }
    }

    public static string Serve
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine("Usage: warren serve [options]");
            text.AppendLine();
            text.AppendLine("Runs the relay. Every flag is optional; --flag VALUE and --flag=VALUE both work.");
            text.AppendLine();
            foreach (var setting in ServeSettings.All)
            {
                var left = setting.Metavar.Length == 0 ? setting.Flag : setting.Flag + " " + setting.Metavar;
                text.Append("  ").Append(left.PadRight(31)).Append(' ');
                if (left.Length > 31)
                {
                    // A long placeholder (the seed-node URL) gets its own line; the help goes under it.
                    text.AppendLine().Append(' ', 34);
                }

                text.AppendLine(setting.Help);
            }

            text.AppendLine("  --help, -h                      show this text");
            text.AppendLine();
            text.AppendLine("Settings layer, lowest to highest: built-in defaults, the --config JSON file,");
            text.AppendLine("environment variables WARREN__Section__Key (e.g. WARREN__Ssh__Listen=0.0.0.0:22,");
            text.AppendLine("WARREN__Transport__Ciphers=aes256-gcm@openssh.com), then these flags.");
            text.AppendLine("JSON keys: " + string.Join(", ", ServeSettings.All.Where(s => s.AllowedInFile).Select(s => s.Key)));
            return text.ToString();
        }
    }
}
