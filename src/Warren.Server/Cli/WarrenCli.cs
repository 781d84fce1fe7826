using System.Reflection;
using Warren.Server.Configuration;

namespace Warren.Server.Cli;

/// <summary>
/// Dispatches <c>warren serve|keygen|hash-password|--help|--version</c>. Exit codes: 0 done, 1 the command
/// failed, 2 bad usage (the one-line error, or the usage text, goes to stderr).
/// </summary>
internal static class WarrenCli
{
    public const int ExitUsage = 2;

    public static string Version
    {
        get
        {
            var assembly = typeof(WarrenCli).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

            // The SDK appends "+<commit>" when it knows the source revision; the version is the part before.
            return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }
    }

    /// <summary>Runs a command with the process's stdin (only hash-password reads it).</summary>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken) =>
        RunAsync(args, environment, Console.In, stdout, stderr, cancellationToken);

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (args.Count == 0)
        {
            await stderr.WriteAsync(Usage.Main).ConfigureAwait(false);
            return ExitUsage;
        }

        var rest = args.Skip(1).ToList();
        var wantsHelp = rest.Any(a => a is "--help" or "-h");
        switch (args[0])
        {
            case "--help" or "-h" or "help":
                await stdout.WriteAsync(Usage.Main).ConfigureAwait(false);
                return 0;
            case "--version":
                await stdout.WriteLineAsync("warren " + Version).ConfigureAwait(false);
                return 0;
            case "serve" when wantsHelp:
                await stdout.WriteAsync(Usage.Serve).ConfigureAwait(false);
                return 0;
            case "serve":
                if (!ServeOptionsLoader.TryLoad(rest, environment, out var serveOptions, out var serveError))
                {
                    await stderr.WriteLineAsync("warren serve: " + serveError).ConfigureAwait(false);
                    return ExitUsage;
                }

                // >>> Server-loop engineers: ServeCommand.RunAsync is yours to implement. <<<
                return await ServeCommand.RunAsync(serveOptions, cancellationToken).ConfigureAwait(false);
            case "keygen" when wantsHelp:
                await stdout.WriteLineAsync(Usage.Keygen).ConfigureAwait(false);
                return 0;
            case "keygen":
                if (!KeygenOptions.TryParse(rest, out var keygenOptions, out var keygenError))
                {
                    await stderr.WriteLineAsync("warren keygen: " + keygenError).ConfigureAwait(false);
                    return ExitUsage;
                }

                // >>> Host-key engineers: KeygenCommand.Run is yours to implement. <<<
                return KeygenCommand.Run(keygenOptions);
            case "hash-password" when wantsHelp:
                await stdout.WriteAsync(Usage.HashPassword).ConfigureAwait(false);
                return 0;
            case "hash-password":
                if (!HashPasswordOptions.TryParse(rest, out var hashOptions, out var hashError))
                {
                    await stderr.WriteLineAsync("warren hash-password: " + hashError).ConfigureAwait(false);
                    return ExitUsage;
                }

                return await HashPasswordCommand.RunAsync(hashOptions, stdin, stdout, stderr, cancellationToken).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync($"warren: unknown command '{args[0]}'; use serve, keygen or hash-password").ConfigureAwait(false);
                await stderr.WriteLineAsync().ConfigureAwait(false);
                await stderr.WriteAsync(Usage.Main).ConfigureAwait(false);
                return ExitUsage;
        }
    }
}
