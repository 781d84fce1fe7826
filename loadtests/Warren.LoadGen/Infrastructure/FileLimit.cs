using System.Globalization;

namespace Warren.LoadGen.Infrastructure;

/// <summary>
/// The open-file limit of this process (and so of the servers and clients it starts). Idle
/// sessions cost Warren two descriptors each (the session's socket and its -R 0 listener) and this
/// tool one, so 20,000 sessions need a limit above 40,000: raised with prlimit(1) where allowed.
/// </summary>
internal static class FileLimit
{
    /// <summary>The soft limit on open files now, from /proc/self/limits, or null when unknown.</summary>
    public static long? Current()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal)
                    && long.TryParse(line["Max open files".Length..].TrimStart().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft))
                {
                    return soft;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the caller goes on with whatever the limit is.
        }

        return null;
    }

    /// <summary>Raises the limit to <paramref name="files"/> when it is lower; returns why not when that did not work.</summary>
    public static async Task<string?> RaiseAsync(int files)
    {
        if (Current() is not { } current || current >= files)
        {
            return null;
        }

        var limit = files.ToString(CultureInfo.InvariantCulture);
        try
        {
            var (code, output) = await ChildProcess.RunAsync(
                "prlimit", ["--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"--nofile={limit}:{limit}"], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            return code == 0 ? null : $"open files stay limited to {current} ({output.Trim()}): about {current / 2} idle sessions fit";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"open files stay limited to {current} ({e.Message}): about {current / 2} idle sessions fit";
        }
    }
}
