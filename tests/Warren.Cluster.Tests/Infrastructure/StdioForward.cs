using System.Diagnostics;
using System.Security.Cryptography;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// <c>ssh -W TARGET</c> through one node with stdin closed at once, reading stdout as bytes:
/// how many arrived and their SHA-256.
/// </summary>
internal static class StdioForward
{
    public static async Task<(long Length, byte[] Hash, int ExitCode, string Stderr)> ReadAllAsync(
        OpenSshClient client, WarrenProcess node, string target, TimeSpan timeout)
    {
        SshTools.RequireClient();
        var info = new ProcessStartInfo(SshTools.Ssh)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in client.Arguments(node.Port, extraArgs: ["-W", target], command: null, host: node.Host))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("ssh did not start");
        try
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[256 * 1024];
            var length = 0L;
            using var cancel = new CancellationTokenSource(timeout);
            int read;
            while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            await process.WaitForExitAsync(cancel.Token);
            return (length, hash.GetHashAndReset(), process.ExitCode, await stderr.WaitAsync(cancel.Token));
        }
        finally
        {
            ProcessRunner.Kill(process);
        }
    }
}
