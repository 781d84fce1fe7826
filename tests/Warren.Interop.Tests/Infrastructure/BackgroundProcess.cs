using System.Diagnostics;
using System.Globalization;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// A long-running child process (e.g. <c>ssh -N -R ...</c>) whose stdout and stderr lines go
/// to <see cref="Output"/>. Disposing kills its process tree.
/// </summary>
internal sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;

    private BackgroundProcess(Process process, OutputBuffer output)
    {
        _process = process;
        Output = output;
    }

    public OutputBuffer Output { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static BackgroundProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool keepInputOpen = false)
    {
        var output = new OutputBuffer();
        return new BackgroundProcess(ProcessRunner.Start(fileName, arguments, output, output, environment, keepInputOpen), output);
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Process {_process.Id} did not exit within {timeout.TotalSeconds:F0}s. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Sends SIGTERM (a graceful stop request, as Kubernetes sends) and waits for the exit;
    /// returns the exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], timeout);
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends SIGKILL (kill -9: no clean shutdown, the kernel closes its sockets) and waits for the exit.</summary>
    public async Task KillHardAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)], timeout);
        }

        await WaitForExitAsync(timeout);
    }

    public void Dispose()
    {
        ProcessRunner.Kill(_process);
        _process.Dispose();
    }
}
