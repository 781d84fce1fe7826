using System.Diagnostics;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// Runs a program to completion with a timeout. Standard input is closed at once, so a
/// program that would prompt fails instead of hanging. On timeout the process tree is
/// killed and <see cref="TimeoutException"/> carries what the program wrote so far.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stdout = new OutputBuffer();
        var stderr = new OutputBuffer();
        using var process = Start(fileName, arguments, stdout, stderr, environment);
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill(process);
            throw new TimeoutException(
                $"{Describe(process.StartInfo)} did not finish within {timeout.TotalSeconds:F0}s.\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }

        // WaitForExitAsync returns after the redirected streams reached end of file.
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a long-running program whose stdout and stderr lines go to the given buffers.</summary>
    public static Process Start(
        string fileName,
        IEnumerable<string> arguments,
        OutputBuffer stdout,
        OutputBuffer stderr,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool keepInputOpen = false)
    {
        var info = new ProcessStartInfo(fileName)
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

        // A null value removes the variable from the child's environment.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => stdout.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {Describe(info)}.");
        }

        // Closed stdin is EOF at once; a session that must stay open (an ssh with a command) keeps it.
        if (!keepInputOpen)
        {
            process.StandardInput.Close();
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the process and its children, and waits (at most 10 s) until it is gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone, or never started: nothing to kill.
        }
    }

    public static string Describe(ProcessStartInfo info) =>
        info.FileName + " " + string.Join(' ', info.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}
