using Warren.LoadGen.Results;
using Warren.LoadGen.Scenarios;
using Warren.LoadGen.Scenarios.Cluster;
using Warren.LoadGen.Scenarios.Visitors;

namespace Warren.LoadGen;

/// <summary>Runs one scenario by name with its options (full-size or <c>--quick</c> defaults).</summary>
internal static class ScenarioRunner
{
    /// <summary>Every scenario, in the order <c>all</c> runs them.</summary>
    public static IReadOnlyList<string> All { get; } = ["throughput", "handshakes", "idle", "visitors", "cluster", "soak"];

    public static async Task<ScenarioOutcome> RunAsync(string scenario, CommandLine line, string sshVersion)
    {
        switch (scenario)
        {
            case "throughput":
            {
                var megabytes = line.Number("--mb", 256, 8);
                var ciphers = line.Text("--ciphers") is { } list
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com"];
                var run = new ThroughputScenario(new ThroughputOptions(ciphers, megabytes));
                var results = await run.RunAsync().ConfigureAwait(false);
                return new ScenarioOutcome(scenario, ThroughputReport.Format(results, sshVersion, megabytes, run.Failures), results, run.Failures, run.Failures.Count > 0);
            }

            case "handshakes":
            {
                var options = new HandshakeOptions(line.Number("--concurrency", 16, 4), TimeSpan.FromSeconds(line.Number("--seconds", 10, 2)), line.Text("--kex") ?? "curve25519-sha256");
                var run = new HandshakeScenario(options);
                var results = await run.RunAsync().ConfigureAwait(false);
                return new ScenarioOutcome(scenario, HandshakeReport.Format(results, options, run.Failures), results, run.Failures, run.Failures.Count > 0);
            }

            case "idle":
            {
                var options = new IdleOptions(line.Number("--sessions", 1000, 40), line.Number("--concurrency", 32, 16), line.Number("--sshd-max", 2000, 2000));
                var run = new IdleScenario(options);
                var results = await run.RunAsync().ConfigureAwait(false);
                // Warren's shortfalls fail the run; sshd's (a forked child too slow to answer under load) are findings the report shows.
                var failed = results.Any(r => r.Server == "warren" && (r.Established < r.Asked || r.Answering < r.Established))
                    || run.Failures.Any(f => f.StartsWith("warren", StringComparison.Ordinal));
                return new ScenarioOutcome(scenario, IdleReport.Format(results, options, run.Failures), results, run.Failures, failed);
            }

            case "visitors":
            {
                var options = new VisitorsOptions(line.Number("--tunnels", 10, 2), line.Number("--visitors", 1000, 16),
                    TimeSpan.FromSeconds(line.Number("--seconds", 10, 2)), line.Number("--download-mb", 256, 8), line.Number("--rate", 2000, 200));
                var run = new VisitorsScenario(options);
                var figures = await run.RunAsync().ConfigureAwait(false);
                return new ScenarioOutcome(scenario, VisitorsReport.Format(figures, run.Failures), figures, run.Failures, run.Failures.Count > 0);
            }

            case "cluster":
            {
                var options = new ClusterOptions(line.Number("--mb", 256, 8), TimeSpan.FromSeconds(line.Number("--reconnect-delay", 1, 1))) { RelayTls = line.Switch("--relay-tls") };
                var run = new ClusterScenario(options);
                var figures = await run.RunAsync().ConfigureAwait(false);
                return new ScenarioOutcome(scenario, ClusterReport.Format(figures, run.Failures), figures, run.Failures, run.Failures.Count > 0);
            }

            case "soak":
            {
                var options = new SoakOptions(line.Number("--workers", 16, 4), TimeSpan.FromSeconds(line.Number("--seconds", 60, 3)), line.Number("--visitors", 3, 2));
                var run = new SoakScenario(options);
                var result = await run.RunAsync().ConfigureAwait(false);
                return new ScenarioOutcome(scenario, SoakReport.Format(result, options, run.Failures), result, run.Failures, !SoakReport.Passed(result));
            }

            default:
                throw new UsageException($"unknown scenario '{scenario}'");
        }
    }
}
