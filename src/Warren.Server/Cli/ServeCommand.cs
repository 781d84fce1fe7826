using Warren.Server.Configuration;

namespace Warren.Server.Cli;

/// <summary>
/// <c>warren serve</c>. STUB: the server-loop engineers replace this file; the options
/// arrive validated, the token fires on Ctrl+C and SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        Console.Error.WriteLine("warren serve: not implemented yet");
        return Task.FromResult(1);
    }
}
