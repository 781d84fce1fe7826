using HdrHistogram;

namespace Warren.LoadGen.Scenarios;

/// <summary>One point of a latency distribution: the percentile and its latency in milliseconds.</summary>
internal sealed record LatencyPercentile(double Percentile, double Milliseconds)
{
    private static readonly double[] Percentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

    /// <summary>The distribution at fixed percentiles, for the results file and the chart; <paramref name="unitsPerMillisecond"/> scales the histogram's values.</summary>
    public static IReadOnlyList<LatencyPercentile> Of(HistogramBase histogram, double unitsPerMillisecond) =>
        histogram.TotalCount == 0
            ? []
            : [.. Percentiles.Select(p => new LatencyPercentile(p, histogram.GetValueAtPercentile(p) / unitsPerMillisecond))];
}
