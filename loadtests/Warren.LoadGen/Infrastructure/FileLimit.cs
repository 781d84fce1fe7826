using System.Globalization;

namespace Warren.LoadGen.Infrastructure;

/// <summary>
/// Raises the open-file limit of this process (and so of the servers and clients it starts) for
/// scenarios with tens of thousands of sockets: 20,000 idle sessions hold 20,000 client sockets
/// here, 20,000 accepted ones and 20,000 forward listeners in the server.
/// </summary>
internal static class FileLimit
{
    /// <summary>Asks prlimit(1) for <paramref name="files"/>; returns what it said when that did not work (not root, no prlimit).</summary>
    public static async Task<string?> RaiseAsync(int files)
    {
        var limit = files.ToString(CultureInfo.InvariantCulture);
        try
        {
            var (code, output) = await ChildProcess.RunAsync(
                "prlimit", ["--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"--nofile={limit}:{limit}"], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            return code == 0 ? null : output.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }
}
