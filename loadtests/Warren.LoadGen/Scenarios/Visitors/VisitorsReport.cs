using System.Globalization;
using System.Text;

namespace Warren.LoadGen.Scenarios.Visitors;

/// <summary>The visitors figures as Markdown, edge beside direct, with the goal (added p99 under 1 ms at 1,000 visitors).</summary>
internal static class VisitorsReport
{
    private const double AddedP99GoalMilliseconds = 1.0;

    public static string Format(VisitorsFigures figures, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## visitors: {figures.Visitors} concurrent visitors over {figures.Tunnels} HTTP tunnels, {figures.SecondsPerPath:0} s per path, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        text.AppendLine();
        text.AppendLine("| path | requests/s | p50 ms | p99 ms | p999 ms | max ms | requests | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in new[] { figures.Direct, figures.Edge, figures.DirectPaced, figures.EdgePaced })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Path} | {run.RequestsPerSecond:0} | {run.P50Milliseconds:0.000} | {run.P99Milliseconds:0.000} | {run.P999Milliseconds:0.000} | {run.MaxMilliseconds:0.0} | {run.Requests} | {run.Failed} |");
        }

        var paced = figures.Paced;
        var saturated = figures.Saturated;
        var met = paced.P99Milliseconds < AddedP99GoalMilliseconds;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Added by the edge, paced at {figures.PacedRate} requests/s in all: p50 {paced.P50Milliseconds:0.000} ms, p99 {paced.P99Milliseconds:0.000} ms{(met ? string.Empty : " (missed)")} (goal < 1 ms at 1,000 visitors), p999 {paced.P999Milliseconds:0.000} ms.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Added at saturation (closed loops): p50 {saturated.P50Milliseconds:0.000} ms, p99 {saturated.P99Milliseconds:0.000} ms, p999 {saturated.P999Milliseconds:0.000} ms; " +
            $"edge/direct requests per second {figures.Edge.RequestsPerSecond / Math.Max(1, figures.Direct.RequestsPerSecond):0.00}x.");
        if (figures.DirectDownload is { } direct && figures.EdgeDownload is { } edge)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"One {edge.Bytes / 1048576} MiB download: direct {direct.MegabytesPerSecond:0.0} MB/s, through the edge {edge.MegabytesPerSecond:0.0} MB/s ({edge.MegabytesPerSecond / direct.MegabytesPerSecond:0.00}x), SHA-256 checked.");
        }

        text.AppendLine("direct and edge: closed loops (each visitor sends its next request when the last is answered, keep-alive); paced: each visitor on a schedule, latency counted from when the request was due. Every response is checked byte for byte. The service, the tunnels' ssh clients and the visitors share the machine's CPUs with Warren.");
        foreach (var failure in failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\nFAILURE: {failure}");
        }

        return text.ToString();
    }
}
