using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios;

/// <summary>The idle-session results as Markdown, with the goals (memory per session under 64 KiB and at most 1/50 of sshd's).</summary>
internal static class IdleReport
{
    private const double MemoryGoalBytes = 64 * 1024;
    private const double MemoryRatioGoal = 1.0 / 50;
    private const int ManySessions = 20_000;
    private const long ManySessionsGoalBytes = 1536L * 1024 * 1024;

    public static string Format(IReadOnlyList<IdleResult> results, IdleOptions options, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## idle: {options.Sessions} sessions with one -R 0 forward each, {options.Concurrency} opening at once, Warren.Ssh client, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| server | established | time to establish s | KiB per session (PSS) | server total MiB (PSS) | tunnels answering at the end |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Server} | {result.Established}/{result.Asked} | {result.EstablishSeconds:0.0} | {result.BytesPerSession / 1024:0.0} | {result.Memory[^1].ProportionalBytes / 1048576.0:0} | {result.Answering}/{result.Established} |");
        }

        text.AppendLine();
        text.AppendLine();
        text.AppendLine("Marginal KiB per session (from the first memory reading to the last, without the first sessions' one-time growth): " + string.Join("; ", results.Select(r =>
            r.Server + " " + (r.MarginalBytesPerSession is { } marginal ? (marginal / 1024).ToString("0.0", CultureInfo.InvariantCulture) : "n/a"))));
        text.AppendLine("Memory at each step (sessions: MiB): " + string.Join("; ", results.Select(r =>
            r.Server + " " + string.Join(", ", r.Memory.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Sessions}: {m.ProportionalBytes / 1048576.0:0}"))))));
        if (results.FirstOrDefault(r => r.Server == "warren" && r.Established >= ManySessions) is { } many)
        {
            var total = many.Memory[^1].ProportionalBytes;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{many.Established} idle sessions on one node: {total / 1073741824.0:0.00} GiB{(total < ManySessionsGoalBytes ? string.Empty : " (missed)")} (goal: 20,000 under 1.5 GiB).");
        }

        if (results.All(r => r.Server != "sshd"))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"sshd was not run: {options.Sessions} sessions is more than --sshd-max {options.SshdMaxSessions} (a process per session).");
        }

        var warren = results.FirstOrDefault(r => r.Server == "warren");
        var sshd = results.FirstOrDefault(r => r.Server == "sshd");
        if (warren is not null && sshd is not null && sshd.BytesPerSession > 0)
        {
            var ratio = warren.BytesPerSession / sshd.BytesPerSession;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"warren/sshd memory per session: {ratio:0.000} (goal <= {MemoryRatioGoal:0.000}){(ratio <= MemoryRatioGoal ? string.Empty : " (missed)")}; " +
                $"warren {warren.BytesPerSession / 1024:0.0} KiB (goal < 64 KiB){(warren.BytesPerSession < MemoryGoalBytes ? string.Empty : " (missed)")}");
        }

        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFAILURE: {failure}");
        }

        return text.ToString();
    }
}
