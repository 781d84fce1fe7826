using System.Globalization;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>What a process really holds in memory, from Linux's /proc (no timing involved).</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// Proportional set size in bytes (/proc/PID/smaps_rollup): resident memory, shared pages
    /// split between their users. The fairest single figure for "how much memory does it use".
    /// </summary>
    public static long Pss(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/smaps_rollup"))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                var kilobytes = line["Pss:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no Pss line in /proc/{processId}/smaps_rollup");
    }

    /// <summary>Megabytes, for messages.</summary>
    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
