using System.Globalization;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Scenarios;

namespace Warren.LoadGen;

/// <summary>
/// <c>warren-loadgen SCENARIO [options]</c>: measures Warren against OpenSSH's sshd on this
/// machine, in one run, and prints a Markdown report (stdout; progress on stderr).
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: warren-loadgen throughput [--mb N] [--ciphers LIST] [--report FILE]

          throughput   one forward (-L, then -R 0) with the OpenSSH client, Warren and sshd side by side:
                       MB/s, server CPU s/GB, bytes allocated per MB
          --mb N       MiB per measured transfer (default 256)
          --ciphers    comma-separated (default chacha20-poly1305@openssh.com,aes128-gcm@openssh.com)
          --report F   also write the report to F
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] != "throughput")
        {
            await Console.Error.WriteLineAsync($"warren-loadgen: unknown scenario '{args[0]}'\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var megabytes = 256;
        string[] ciphers = ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com"];
        string? reportFile = null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--mb" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb > 0:
                    megabytes = mb;
                    i++;
                    break;
                case "--ciphers" when !string.IsNullOrEmpty(value):
                    ciphers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    i++;
                    break;
                case "--report" when !string.IsNullOrEmpty(value):
                    reportFile = value;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"warren-loadgen: bad option '{args[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        var (_, version) = await ChildProcess.RunAsync("ssh", ["-V"], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var scenario = new ThroughputScenario(new ThroughputOptions(ciphers, megabytes));
        var results = await scenario.RunAsync().ConfigureAwait(false);
        var report = ThroughputReport.Format(results, version.Trim(), megabytes, scenario.Failures);
        Console.WriteLine(report);
        if (reportFile is not null)
        {
            await File.WriteAllTextAsync(reportFile, report).ConfigureAwait(false);
        }

        return scenario.Failures.Count == 0 ? 0 : 1;
    }
}
