using System.Runtime.InteropServices;
using Warren.Server.Cli;
using Warren.Server.Configuration;

namespace Warren.Server;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stopping = new CancellationTokenSource();

        // Ctrl+C and SIGTERM (Kubernetes, docker stop) ask for a graceful stop; the command decides how.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await WarrenCli.RunAsync(
            args,
            ServeOptionsLoader.ProcessEnvironment(),
            Console.Out,
            Console.Error,
            stopping.Token).ConfigureAwait(false);
    }
}
