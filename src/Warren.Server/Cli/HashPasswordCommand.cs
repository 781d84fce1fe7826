using Warren.Server.Configuration;
using Warren.Ssh.Auth;

namespace Warren.Server.Cli;

/// <summary>
/// <c>warren hash-password [--user NAME]</c>: reads one password line from stdin and prints its
/// PBKDF2 hash (or <c>NAME:hash</c>, a line for the --password-file). Nothing is echoed or
/// stored; the password never reaches a command line, where ps and shell history would see it.
/// </summary>
internal static class HashPasswordCommand
{
    public static async Task<int> RunAsync(
        HashPasswordOptions options,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var password = await stdin.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (password is null)
        {
            await stderr.WriteLineAsync(
                "warren hash-password: no password on stdin; write e.g. printf '%s\\n' 'secret' | warren hash-password").ConfigureAwait(false);
            return WarrenCli.ExitUsage;
        }

        if (password.Length == 0)
        {
            // An empty password never verifies (PasswordFile.Verify), so its hash would be a trap.
            await stderr.WriteLineAsync("warren hash-password: the password is empty; give a non-empty line on stdin").ConfigureAwait(false);
            return WarrenCli.ExitUsage;
        }

        var hash = PasswordHasher.Hash(password);
        await stdout.WriteLineAsync(options.User is null ? hash : options.User + ":" + hash).ConfigureAwait(false);
        return 0;
    }
}
