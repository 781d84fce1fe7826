using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios;

/// <summary>The soak result as Markdown: the churn, and each resource before and after, with whether it came back.</summary>
internal static class SoakReport
{
    public static string Format(SoakResult result, SoakOptions options, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## soak: {options.Workers} workers for {options.Duration.TotalSeconds:0} s, each cycle one session with one -R 0 forward and {options.VisitorsPerSession} visitors, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Cycles} session cycles ({result.Cycles / result.Seconds:0.0}/s), {result.Visitors} visitors, {result.Failures} failures.");
        text.AppendLine();
        text.AppendLine("| resource | baseline | after churn | back to baseline |");
        text.AppendLine("|---|---:|---:|---|");
        var fds = result.After.FileDescriptors <= result.Baseline.FileDescriptors;
        text.AppendLine(CultureInfo.InvariantCulture, $"| sockets, pipes and event descriptors | {result.Baseline.FileDescriptors} | {result.After.FileDescriptors} | {(fds ? "yes" : "NO")} |");
        if (result.Baseline.OutstandingBuffers is { } before && result.After.OutstandingBuffers is { } after)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| outstanding pooled buffers | {before:0} | {after:0} | {(after <= before ? "yes" : "NO")} |");
        }
        else
        {
            text.AppendLine("| outstanding pooled buffers | n/a | n/a | the node does not export warren_buffer_pool_outstanding_buffers |");
        }

        // The GC keeps freed memory for reuse, so PSS is shown, with a tolerance, not required to match.
        var growth = (result.After.ProportionalBytes - result.Baseline.ProportionalBytes) / (double)Math.Max(1, result.Baseline.ProportionalBytes);
        text.AppendLine(CultureInfo.InvariantCulture, $"| memory (PSS) MiB | {result.Baseline.ProportionalBytes / 1048576.0:0.0} | {result.After.ProportionalBytes / 1048576.0:0.0} | {(growth <= 0.25 ? "yes (within 25%)" : $"NO (+{growth:P0})")} |");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFAILURE: {failure}");
        }

        return text.ToString();
    }

    /// <summary>True when descriptors and buffers came back and nothing failed.</summary>
    public static bool Passed(SoakResult result) =>
        result.Failures == 0
        && result.After.FileDescriptors <= result.Baseline.FileDescriptors
        && (result.After.OutstandingBuffers ?? 0) <= (result.Baseline.OutstandingBuffers ?? 0);
}
