using System.Globalization;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// One scrape of a node's <c>/metrics</c> (Prometheus text format): the raw text (for
/// promtool) and its samples, looked up by metric name and label values.
/// </summary>
internal sealed class MetricsScrape
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private MetricsScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var nameEnd = brace >= 0 && brace < space ? brace : line.IndexOf(' ', StringComparison.Ordinal);
            var labels = brace >= 0 && brace < space ? line[(brace + 1)..line.LastIndexOf('}')] : string.Empty;
            _samples.Add((line[..nameEnd], labels, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The exposition text as served.</summary>
    public string Text { get; }

    /// <summary>Every sample name (histograms as their _bucket, _sum and _count series).</summary>
    public IReadOnlySet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static async Task<MetricsScrape> GetAsync(int metricsPort, string host = "127.0.0.1")
    {
        using var http = new HttpClient { Timeout = Timeout };
        var text = await http.GetStringAsync(new Uri($"http://{host}:{metricsPort}/metrics"));
        return new MetricsScrape(text);
    }

    /// <summary>The sum of <paramref name="name"/>'s samples whose labels include every <c>label="value"</c> given.</summary>
    public double Sum(string name, params string[] labelsIncluded)
    {
        var sum = 0.0;
        foreach (var (sampleName, labels, value) in _samples)
        {
            if (sampleName == name && labelsIncluded.All(l => labels.Contains(l, StringComparison.Ordinal)))
            {
                sum += value;
            }
        }

        return sum;
    }
}
