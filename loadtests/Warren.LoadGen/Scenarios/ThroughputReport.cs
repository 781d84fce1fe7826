using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// The throughput results as a Markdown table, one row per cipher, forward and direction, with
/// Warren's figures beside sshd's, the ratios and the goals (MB/s at least 1.0x sshd's, CPU per
/// GB at most 0.7x sshd's, under 1 KB allocated per MB relayed).
/// </summary>
internal static class ThroughputReport
{
    private const double SpeedGoal = 1.0;
    private const double CpuGoal = 0.7;
    private const double AllocationGoal = 1024;

    public static string Format(IReadOnlyList<ThroughputResult> results, string clientVersion, int megabytesPerRun, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## throughput: {megabytesPerRun} MiB per run, {clientVersion}, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| cipher | forward | direction | sshd MB/s | warren MB/s | ratio (goal >= 1.0) | sshd CPU s/GB | warren CPU s/GB | ratio (goal <= 0.7) | warren B alloc/MB (goal < 1024) |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var warren in results)
        {
            if (warren.Server != "warren")
            {
                continue;
            }

            var sshd = Find(results, "sshd", warren);
            if (sshd is null)
            {
                continue;
            }

            var speed = warren.MegabytesPerSecond / sshd.MegabytesPerSecond;
            var cpu = warren.CpuSecondsPerGigabyte / sshd.CpuSecondsPerGigabyte;
            var allocation = warren.AllocatedBytesPerMegabyte is { } perMegabyte
                ? Mark(perMegabyte.ToString("0", CultureInfo.InvariantCulture), perMegabyte < AllocationGoal)
                : "n/a";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {ThroughputScenario.ShortCipher(warren.Cipher)} | {ThroughputScenario.ModeText(warren.Mode)} | {warren.Direction.ToString().ToLowerInvariant()} " +
                $"| {sshd.MegabytesPerSecond:0.0} | {warren.MegabytesPerSecond:0.0} | {Mark(speed.ToString("0.00", CultureInfo.InvariantCulture) + "x", speed >= SpeedGoal)} " +
                $"| {sshd.CpuSecondsPerGigabyte:0.00} | {warren.CpuSecondsPerGigabyte:0.00} | {Mark(cpu.ToString("0.00", CultureInfo.InvariantCulture) + "x", cpu <= CpuGoal)} | {allocation} |");
        }

        text.AppendLine();
        text.AppendLine("CPU is user+system time of the server's process tree (sshd's per-connection children included) during the transfer, from /proc.");
        text.AppendLine("The client (ssh), the visitor and the service run on the same machine and share its CPUs with the server.");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFAILED: {failure}");
        }
        return text.ToString();
    }

    private static ThroughputResult? Find(IReadOnlyList<ThroughputResult> results, string server, ThroughputResult like)
    {
        foreach (var result in results)
        {
            if (result.Server == server && result.Cipher == like.Cipher && result.Mode == like.Mode && result.Direction == like.Direction)
            {
                return result;
            }
        }

        return null;
    }

    private static string Mark(string value, bool met) => met ? value : value + " (missed)";
}
