namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// Prometheus' <c>promtool</c> (Debian package <c>prometheus</c>). A missing promtool fails the
/// test with the package to install; nothing is skipped silently.
/// </summary>
internal static class Promtool
{
    private const string Path = "/usr/bin/promtool";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary><c>promtool check metrics</c> on <paramref name="exposition"/> (via a file: promtool reads stdin, the runner closes it).</summary>
    public static async Task<ProcessResult> CheckMetricsAsync(string exposition)
    {
        Require();
        using var directory = new TempDirectory("warren-promtool-");
        var file = directory.Combine("metrics.txt");
        await File.WriteAllTextAsync(file, exposition);
        return await ProcessRunner.RunAsync("/bin/sh", ["-c", $"{Path} check metrics < \"$1\"", "sh", file], Timeout);
    }

    /// <summary><c>promtool check rules FILE</c>.</summary>
    public static Task<ProcessResult> CheckRulesAsync(string file)
    {
        Require();
        return ProcessRunner.RunAsync(Path, ["check", "rules", file], Timeout);
    }

    private static void Require()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException(
                $"{Path} is missing: these tests need promtool; install it with 'apt-get install -y prometheus' (.ci/run does).");
        }
    }
}
