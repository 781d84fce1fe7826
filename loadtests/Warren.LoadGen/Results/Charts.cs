using System.Globalization;
using ScottPlot;
using Warren.LoadGen.Scenarios;
using Warren.LoadGen.Scenarios.Visitors;

namespace Warren.LoadGen.Results;

/// <summary>
/// PNG charts of a run (ScottPlot), written beside the results under fixed names so that the
/// README's links always show the latest run: throughput by cipher, handshake and visitor latency
/// distributions, memory against idle session count.
/// </summary>
internal static class Charts
{
    private const int Width = 1000;
    private const int Height = 520;

    /// <summary>Draws the charts this outcome has; returns the files written.</summary>
    public static IReadOnlyList<string> Draw(string directory, ScenarioOutcome outcome)
    {
        Directory.CreateDirectory(directory);
        switch (outcome.Figures)
        {
            case IReadOnlyList<ThroughputResult> throughput when throughput.Count > 0:
                return [Throughput(Path.Combine(directory, "throughput.png"), throughput)];
            case IReadOnlyList<HandshakeResult> handshakes when handshakes.Count > 0:
                return [Latency(Path.Combine(directory, "handshakes-latency.png"), "Handshake latency (connect, kex, publickey auth)",
                    [.. handshakes.Select(h => (h.Server, h.Distribution))])];
            case IReadOnlyList<IdleResult> idle when idle.Count > 0:
                return [Memory(Path.Combine(directory, $"idle-memory-{idle[0].Asked.ToString(CultureInfo.InvariantCulture)}.png"), idle)];
            case VisitorsFigures visitors:
                return
                [
                    Latency(Path.Combine(directory, "visitors-latency.png"), $"HTTP request latency, {visitors.Visitors} concurrent visitors, closed loops (saturation)",
                        [("through the edge", visitors.Edge.Distribution), ("direct", visitors.Direct.Distribution)]),
                    Latency(Path.Combine(directory, "visitors-latency-paced.png"), $"HTTP request latency, {visitors.Visitors} visitors paced at {visitors.PacedRate} requests/s in all",
                        [("through the edge", visitors.EdgePaced.Distribution), ("direct", visitors.DirectPaced.Distribution)]),
                ];
            default:
                return [];
        }
    }

    private static string Throughput(string file, IReadOnlyList<ThroughputResult> results)
    {
        var plot = new Plot();
        string[] servers = ["sshd", "warren"];
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        var group = 0;
        foreach (var warren in results.Where(r => r.Server == "warren"))
        {
            for (var s = 0; s < servers.Length; s++)
            {
                var match = results.FirstOrDefault(r => r.Server == servers[s] && r.Cipher == warren.Cipher && r.Mode == warren.Mode && r.Direction == warren.Direction);
                if (match is not null)
                {
                    bars.Add(new Bar { Position = (group * 3) + s, Value = match.MegabytesPerSecond, FillColor = Palette(s) });
                }
            }

            var label = $"{ThroughputScenario.ShortCipher(warren.Cipher)}\n{ThroughputScenario.ModeText(warren.Mode)} {warren.Direction.ToString().ToLowerInvariant()}";
            ticks.Add(new Tick((group * 3) + 0.5, label, isMajor: true));
            group++;
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0);
        AddLegend(plot, servers);
        plot.Title("Throughput through one forward (OpenSSH client), MB/s");
        plot.YLabel("MB/s");
        plot.SavePng(file, Width + 200, Height);
        return file;
    }

    private static string Latency(string file, string title, IReadOnlyList<(string Name, IReadOnlyList<LatencyPercentile> Points)> series)
    {
        var plot = new Plot();
        var index = 0;
        foreach (var (name, points) in series)
        {
            // x is "nines": 0 at p0, 1 at p90, 2 at p99, 3 at p99.9, so the tail is as wide as the body.
            var xs = points.Select(p => Nines(p.Percentile)).ToArray();
            var ys = points.Select(p => p.Milliseconds).ToArray();
            var line = plot.Add.Scatter(xs, ys, Palette(index++));
            line.LegendText = name;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [new Tick(Nines(50), "p50", true), new Tick(Nines(90), "p90", true), new Tick(Nines(99), "p99", true), new Tick(Nines(99.9), "p99.9", true), new Tick(Nines(99.99), "p99.99", true)]);
        plot.Title(title);
        plot.YLabel("milliseconds");
        plot.XLabel("percentile");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(file, Width, Height);
        return file;
    }

    private static string Memory(string file, IReadOnlyList<IdleResult> results)
    {
        var plot = new Plot();
        var index = 0;
        foreach (var result in results)
        {
            var xs = result.Memory.Select(m => (double)m.Sessions).Prepend(0).ToArray();
            var ys = result.Memory.Select(m => m.ProportionalBytes / 1048576.0).Prepend(result.BaselineBytes / 1048576.0).ToArray();
            var line = plot.Add.Scatter(xs, ys, Palette(index++));
            line.LegendText = result.Server;
        }

        if (results[0].Asked >= 10_000)
        {
            var goal = plot.Add.HorizontalLine(1536, color: Colors.Red);
            goal.LegendText = "goal: 20,000 sessions under 1.5 GiB";
            goal.LinePattern = LinePattern.Dashed;
        }

        plot.Title("Server memory (PSS) against idle sessions, one -R 0 forward each");
        plot.YLabel("MiB");
        plot.XLabel("sessions");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(file, Width, Height);
        return file;
    }

    private static double Nines(double percentile) => percentile >= 100 ? 4.5 : -Math.Log10(1 - (percentile / 100));

    private static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    private static void AddLegend(Plot plot, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = names[i], FillColor = Palette(i) });
        }

        plot.ShowLegend(Alignment.UpperLeft);
    }
}
