using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Results;

namespace Warren.LoadGen;

/// <summary>
/// <c>warren-loadgen SCENARIO|all [options] [--quick]</c>: measures Warren (against OpenSSH's sshd
/// where sshd can do the same) on this machine and writes, per scenario run, a JSON file with the
/// machine's description and a Markdown report into the results directory, plus PNG charts; the
/// reports also go to stdout (progress on stderr). Exit code 1 when a run failed (the report says
/// which), 2 for a bad command line.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: warren-loadgen SCENARIO [options] [--quick] [--results DIR] [--report FILE]
               warren-loadgen all [--quick] [--results DIR] [--report FILE]

          throughput     one forward (-L, then -R 0) with the OpenSSH client, Warren and sshd side by side:
                         MB/s, server CPU s/GB, bytes allocated per MB
            --mb N           MiB per measured transfer (default 256)
            --ciphers L      comma-separated (default chacha20-poly1305@openssh.com,aes128-gcm@openssh.com)
          handshakes     N loops of connect, key exchange, publickey auth, disconnect, Warren then sshd:
                         handshakes/s, latency p50/p99, server CPU per handshake
            --concurrency N  loops at once (default 16), each from its own 127.0.x.y address
            --seconds S      measured time per server (default 10)
            --kex NAME       key exchange (default curve25519-sha256)
          idle           N sessions holding one -R 0 forward each, Warren then sshd: time to establish,
                         server memory per session (PSS) at five counts, whether every tunnel still answers
            --sessions N     sessions (default 1000), from many 127.x.y.z source addresses
            --concurrency N  sessions opening at once (default 32)
            --sshd-max N     run sshd too only up to N sessions (default 2000)
          visitors       N HTTP tunnels (ssh -R NAME:80) and many concurrent visitors through the HTTP edge
                         against the same service reached directly: requests/s, p50/p99/p999, added latency,
                         closed loops (saturation) and paced (below it), and one large download each way
            --tunnels N      tunnels (default 10)
            --visitors N     concurrent visitors (default 1000)
            --seconds S      measured time per path (default 10)
            --download-mb N  size of the large download (default 256)
            --rate R         requests/s of all visitors together in the paced runs (default 2000)
          cluster        three local nodes (127.0.0.1-3): one tunnel reached through another node against its
                         own node (MB/s), and the time from kill -9 of a tunnel's node until its name routes again
            --mb N           MiB per transfer (default 256)
            --reconnect-delay S  the client's delay before reconnecting (default 1)
            --relay-tls      relay links over TLS (one self-signed certificate for all three nodes)
          soak           churn of sessions, -R 0 tunnels and visitors against Warren for a set time; file
                         descriptors, pooled buffers and memory must come back to the baseline
            --workers N      concurrent churn loops (default 16)
            --seconds S      how long (default 60)
            --visitors N     visitors per session (default 3)
          all            every scenario above, one after another

          --quick        every scenario small (about a minute in all): checks that the tool works, not speed
          --results DIR  where the JSON, Markdown and PNG files go (default loadtests/results in the repository)
          --report F     also write the Markdown reports to F
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (!CommandLine.TryParse(args, out var line, out var problem))
        {
            return await BadUsageAsync(problem!).ConfigureAwait(false);
        }

        IReadOnlyList<string> scenarios = line.Scenario == "all" ? ScenarioRunner.All : [line.Scenario];
        if (!scenarios.All(ScenarioRunner.All.Contains))
        {
            return await BadUsageAsync($"unknown scenario '{line.Scenario}'").ConfigureAwait(false);
        }

        if (await FileLimit.RaiseAsync(262_144).ConfigureAwait(false) is { } refused)
        {
            await Console.Error.WriteLineAsync($"warren-loadgen: {refused}").ConfigureAwait(false);
        }

        var machine = await MachineDescription.CaptureAsync().ConfigureAwait(false);
        var results = line.Text("--results") ?? ResultFile.DefaultDirectory();
        await Console.Error.WriteLineAsync($"warren-loadgen: {machine}; results in {results}").ConfigureAwait(false);
        var failed = false;
        var reports = new List<string>();
        foreach (var scenario in scenarios)
        {
            var started = DateTime.UtcNow;
            var loadAtStart = MachineDescription.LoadAverage();
            await Console.Error.WriteLineAsync($"{scenario}{(line.Quick ? " (quick)" : string.Empty)}: load average {string.Join(' ', loadAtStart)}").ConfigureAwait(false);
            ScenarioOutcome outcome;
            try
            {
                outcome = await ScenarioRunner.RunAsync(scenario, line, machine.OpenSsh).ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                return await BadUsageAsync(e.Message).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever ended one scenario is recorded as its failure; the next scenarios still run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"  {scenario} ended with {e}").ConfigureAwait(false);
                outcome = new ScenarioOutcome(scenario, $"## {scenario}\n\nFAILURE: {e.GetType().Name}: {e.Message}\n", new { }, [e.Message], Failed: true);
            }

            var loadAtEnd = MachineDescription.LoadAverage();
            var report = $"{outcome.Report}\nMachine: {machine}. Load average (1, 5, 15 min) {string.Join(' ', loadAtStart)} at the start, {string.Join(' ', loadAtEnd)} at the end.\n";
            var file = new ResultFile(scenario, line.Quick, started, DateTime.UtcNow, machine, loadAtStart, loadAtEnd, outcome.Failed, outcome.Failures, outcome.Figures);
            var json = await file.WriteAsync(results, report).ConfigureAwait(false);
            foreach (var chart in Charts.Draw(results, outcome))
            {
                await Console.Error.WriteLineAsync($"  chart {chart}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"  {(outcome.Failed ? "FAILED" : "done")}: {json}").ConfigureAwait(false);
            Console.WriteLine(report);
            reports.Add(report);
            failed |= outcome.Failed;
        }

        if (line.Text("--report") is { } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, string.Join('\n', reports)).ConfigureAwait(false);
        }

        return failed ? 1 : 0;
    }

    private static async Task<int> BadUsageAsync(string problem)
    {
        await Console.Error.WriteLineAsync($"warren-loadgen: {problem}\n{Usage}").ConfigureAwait(false);
        return 2;
    }
}
