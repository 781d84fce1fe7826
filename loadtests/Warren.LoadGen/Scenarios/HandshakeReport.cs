using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios;

/// <summary>The handshake results as Markdown, Warren beside sshd, with the goal (at least 5x sshd's rate).</summary>
internal static class HandshakeReport
{
    private const double RateGoal = 5.0;

    public static string Format(IReadOnlyList<HandshakeResult> results, HandshakeOptions options, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## handshakes: {options.Concurrency} concurrent loops for {options.Duration.TotalSeconds:0} s each, Warren.Ssh client, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| server | handshakes/s | p50 ms | p99 ms | server CPU ms/handshake | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Server} | {result.PerSecond:0.0} | {result.P50Milliseconds:0.00} | {result.P99Milliseconds:0.00} | {result.CpuMillisecondsPerHandshake:0.00} | {result.Failed} |");
        }

        var warren = results.FirstOrDefault(r => r.Server == "warren");
        var sshd = results.FirstOrDefault(r => r.Server == "sshd");
        if (warren is not null && sshd is not null && sshd.PerSecond > 0)
        {
            var ratio = warren.PerSecond / sshd.PerSecond;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"warren/sshd handshakes per second: {ratio:0.00}x (goal >= {RateGoal:0.0}x){(ratio >= RateGoal ? string.Empty : " (missed)")}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Each handshake: TCP connect, key exchange ({options.KeyExchange}, ssh-ed25519 host key), ssh-userauth, publickey (ed25519), disconnect.");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFIRST FAILURE: {failure}");
        }

        return text.ToString();
    }
}
