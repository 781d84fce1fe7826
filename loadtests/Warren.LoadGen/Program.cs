using System.Globalization;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Scenarios;

namespace Warren.LoadGen;

/// <summary>
/// <c>warren-loadgen SCENARIO [options]</c>: measures Warren against OpenSSH's sshd on this
/// machine, in one run, and prints a Markdown report (stdout; progress on stderr). Exit code 1
/// when a run failed (the report says which), 2 for a bad command line.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: warren-loadgen throughput [--mb N] [--ciphers LIST] [--report FILE]
               warren-loadgen handshakes [--concurrency N] [--seconds S] [--kex NAME] [--report FILE]
               warren-loadgen idle [--sessions N] [--concurrency N] [--report FILE]
               warren-loadgen soak [--workers N] [--seconds S] [--visitors N] [--report FILE]

          throughput     one forward (-L, then -R 0) with the OpenSSH client, Warren and sshd side by side:
                         MB/s, server CPU s/GB, bytes allocated per MB
            --mb N         MiB per measured transfer (default 256)
            --ciphers L    comma-separated (default chacha20-poly1305@openssh.com,aes128-gcm@openssh.com)
          handshakes     N loops of connect, key exchange, publickey auth, disconnect, Warren then sshd:
                         handshakes/s, latency p50/p99, server CPU per handshake
            --concurrency N  loops at once (default 16), each from its own 127.0.x.y address
            --seconds S      measured time per server (default 10)
            --kex NAME       key exchange (default curve25519-sha256)
          idle           N sessions holding one -R 0 forward each, Warren then sshd: time to establish,
                         server memory per session (PSS), whether every tunnel still answers
            --sessions N     sessions (default 1000)
            --concurrency N  sessions opening at once (default 32)
          soak           churn of sessions, -R 0 tunnels and visitors against Warren for a set time; file
                         descriptors, pooled buffers and memory must come back to the baseline
            --workers N      concurrent churn loops (default 16)
            --seconds S      how long (default 60)
            --visitors N     visitors per session (default 3)
          --report F     also write the report to F
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return await BadUsageAsync($"'{args[i]}' needs a value").ConfigureAwait(false);
            }

            options[args[i]] = args[i + 1];
        }

        var (_, version) = await ChildProcess.RunAsync("ssh", ["-V"], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        string report;
        bool failed;
        switch (args[0])
        {
            case "throughput":
                if (!TryNumber(options, "--mb", 256, out var megabytes))
                {
                    return await BadUsageAsync("--mb takes a positive number").ConfigureAwait(false);
                }

                var ciphers = options.TryGetValue("--ciphers", out var list)
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com"];
                var throughput = new ThroughputScenario(new ThroughputOptions(ciphers, megabytes));
                var results = await throughput.RunAsync().ConfigureAwait(false);
                report = ThroughputReport.Format(results, version.Trim(), megabytes, throughput.Failures);
                failed = throughput.Failures.Count > 0;
                break;
            case "handshakes":
                if (!TryNumber(options, "--concurrency", 16, out var concurrency) || !TryNumber(options, "--seconds", 10, out var seconds))
                {
                    return await BadUsageAsync("--concurrency and --seconds take positive numbers").ConfigureAwait(false);
                }

                var handshakeOptions = new HandshakeOptions(concurrency, TimeSpan.FromSeconds(seconds), options.GetValueOrDefault("--kex", "curve25519-sha256"));
                var handshakes = new HandshakeScenario(handshakeOptions);
                var handshakeResults = await handshakes.RunAsync().ConfigureAwait(false);
                report = HandshakeReport.Format(handshakeResults, handshakeOptions, handshakes.Failures);
                failed = handshakes.Failures.Count > 0;
                break;
            case "idle":
                if (!TryNumber(options, "--sessions", 1000, out var sessions) || !TryNumber(options, "--concurrency", 32, out var opening))
                {
                    return await BadUsageAsync("--sessions and --concurrency take positive numbers").ConfigureAwait(false);
                }

                var idleOptions = new IdleOptions(sessions, opening);
                var idle = new IdleScenario(idleOptions);
                var idleResults = await idle.RunAsync().ConfigureAwait(false);
                report = IdleReport.Format(idleResults, idleOptions, idle.Failures);
                failed = idle.Failures.Count > 0;
                break;
            case "soak":
                if (!TryNumber(options, "--workers", 16, out var workers) || !TryNumber(options, "--seconds", 60, out var soakSeconds)
                    || !TryNumber(options, "--visitors", 3, out var visitors))
                {
                    return await BadUsageAsync("--workers, --seconds and --visitors take positive numbers").ConfigureAwait(false);
                }

                var soakOptions = new SoakOptions(workers, TimeSpan.FromSeconds(soakSeconds), visitors);
                var soak = new SoakScenario(soakOptions);
                var soakResult = await soak.RunAsync().ConfigureAwait(false);
                report = SoakReport.Format(soakResult, soakOptions, soak.Failures);
                failed = !SoakReport.Passed(soakResult);
                break;
            default:
                return await BadUsageAsync($"unknown scenario '{args[0]}'").ConfigureAwait(false);
        }

        Console.WriteLine(report);
        if (options.TryGetValue("--report", out var reportFile))
        {
            await File.WriteAllTextAsync(reportFile, report).ConfigureAwait(false);
        }

        return failed ? 1 : 0;
    }

    private static bool TryNumber(Dictionary<string, string> options, string name, int fallback, out int value)
    {
        value = fallback;
        return !options.TryGetValue(name, out var text)
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0);
    }

    private static async Task<int> BadUsageAsync(string problem)
    {
        await Console.Error.WriteLineAsync($"warren-loadgen: {problem}\n{Usage}").ConfigureAwait(false);
        return 2;
    }
}
