using System.Diagnostics;
using System.Globalization;

namespace Warren.Relay.Tests.InProcess;

/// <summary>
/// The real OpenSSH client as <c>ssh -W HOST:PORT</c> against 127.0.0.1:PORT, with a throwaway
/// key, stdin and stdout as raw streams. Disposing kills it and deletes the key.
/// </summary>
internal sealed class OpenSshStdio : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private OpenSshStdio(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public bool HasExited => _process.HasExited;

    public static async Task<OpenSshStdio> StartAsync(int relayPort, string target)
    {
        var directory = Directory.CreateTempSubdirectory("warren-relay-ssh-").FullName;
        var key = Path.Combine(directory, "id_ed25519");
        using (var keygen = Process.Start(new ProcessStartInfo("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]) { RedirectStandardOutput = true })!)
        {
            await keygen.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var info = new ProcessStartInfo("/usr/bin/ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-i", key,
            "-p", relayPort.ToString(CultureInfo.InvariantCulture), "-W", target, "127.0.0.1",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new OpenSshStdio(process, directory);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
