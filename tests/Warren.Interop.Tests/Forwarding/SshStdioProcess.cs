using System.Diagnostics;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// <c>ssh -W HOST:PORT</c> with its stdin and stdout as raw byte streams (closing stdin is the
/// half-close) and its -vv stderr collected. Disposing kills it.
/// </summary>
internal sealed class SshStdioProcess : IDisposable
{
    private readonly Process _process;

    private SshStdioProcess(Process process)
    {
        _process = process;
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public OutputBuffer Stderr { get; } = new();

    public static SshStdioProcess Start(IEnumerable<string> arguments)
    {
        SshTools.RequireClient();
        var info = new ProcessStartInfo(SshTools.Ssh)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var stdio = new SshStdioProcess(process);
        process.ErrorDataReceived += (_, e) => stdio.Stderr.AppendLine(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {ProcessRunner.Describe(info)}.");
        }

        process.BeginErrorReadLine();
        return stdio;
    }

    /// <summary>Closes ssh's stdin: ssh sends CHANNEL_EOF.</summary>
    public Task CloseInputAsync()
    {
        _process.StandardInput.Close();
        return Task.CompletedTask;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        ProcessRunner.Kill(_process);
        _process.Dispose();
    }
}
