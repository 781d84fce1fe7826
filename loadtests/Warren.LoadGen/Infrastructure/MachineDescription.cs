using System.Globalization;
using System.Runtime.InteropServices;

namespace Warren.LoadGen.Infrastructure;

/// <summary>
/// The machine a run measured, as the results file records it: figures from another machine
/// are only comparable with this beside them.
/// </summary>
internal sealed record MachineDescription(string CpuModel, int Cores, long MemoryBytes, string Kernel, string DotNet, string OpenSsh, long? OpenFilesLimit)
{
    public static async Task<MachineDescription> CaptureAsync()
    {
        var (_, ssh) = await ChildProcess.RunAsync("ssh", ["-V"], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return new MachineDescription(ReadCpuModel(), Environment.ProcessorCount, ReadMemoryBytes(), ReadKernel(), RuntimeInformation.FrameworkDescription, ssh.Trim(), FileLimit.Current());
    }

    /// <summary>The 1, 5 and 15 minute load averages now: the machine is shared, so each run records how busy it was.</summary>
    public static double[] LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return [.. fields.Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }

    public override string ToString() =>
        $"{CpuModel}, {Cores} cores, {MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, Linux {Kernel}, {DotNet}, {OpenSsh}";

    private static string ReadCpuModel() =>
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static long ReadMemoryBytes() =>
        FirstValue("/proc/meminfo", "MemTotal") is { } text && long.TryParse(text.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : 0;

    private static string ReadKernel()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Environment.OSVersion.VersionString;
        }
    }

    /// <summary>The value after "KEY:" on the first such line of a /proc file, or null.</summary>
    private static string? FirstValue(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc hidden: the caller falls back.
        }

        return null;
    }
}
