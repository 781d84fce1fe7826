using Warren.Server.Configuration;
using Warren.Server.Hosting;

namespace Warren.Server.Cli;

/// <summary><c>warren serve</c>: runs the relay until Ctrl+C or SIGTERM. Start-up problems are one line on stderr and exit code 2.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return await RelayHost.RunAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HostKeyException or OptionsException)
        {
            await Console.Error.WriteLineAsync("warren serve: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            await Console.Error.WriteLineAsync($"warren serve: cannot listen on {options.SshListen}: {e.Message}; choose another --ssh-listen").ConfigureAwait(false);
            return 2;
        }
    }
}
