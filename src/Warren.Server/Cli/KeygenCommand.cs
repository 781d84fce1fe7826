using Warren.Server.Configuration;

namespace Warren.Server.Cli;

/// <summary>
/// <c>warren keygen</c>. STUB: the host-key engineers replace this file; the options arrive
/// validated (type known, OutFile absolute, its directory exists).
/// </summary>
internal static class KeygenCommand
{
    public static int Run(KeygenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.Error.WriteLine("warren keygen: not implemented yet");
        return 1;
    }
}
