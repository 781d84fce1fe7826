using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>
/// The dashboard ConfigMap and the PrometheusRule come from the chart's dashboards/warren.json and
/// alerts/warren-rules.yaml. These tests render a copy of the chart with stand-in files (and
/// without them), so they hold whatever the real files say.
/// </summary>
public sealed class ObservabilityFilesTests
{
    private const string Dashboard = """{ "title": "Warren", "panels": [] }""";

    private const string Rules = """
        groups:
          - name: warren
            rules:
              - alert: WarrenNodeNotReady
                expr: warren_node_ready == 0
                for: 5m
                labels:
                  severity: warning
                annotations:
                  summary: A Warren node is not ready.
        """;

    [Fact]
    public async Task Template_WithDashboardAndRulesFiles_RendersConfigMapAndPrometheusRule()
    {
        using var copy = ChartCopy(withFiles: true);

        var chart = await RenderedChart.RenderChartAsync(copy.Path, "--values", RepoPaths.AllOnValues);

        var dashboard = chart.Single("ConfigMap", "relay-warren-dashboard");
        Assert.Equal("1", dashboard.Get("metadata.labels").GetProperty("grafana_dashboard").GetString());
        Assert.Equal("monitoring", dashboard.Get("metadata.namespace").GetString());
        Assert.Equal(Dashboard, dashboard.Get("data").GetProperty("warren.json").GetString()!.TrimEnd('\n'));
        var rule = chart.Single("PrometheusRule", "relay-warren");
        Assert.Equal("WarrenNodeNotReady", rule.Get("spec.groups")[0].Get("rules")[0].Get("alert").GetString());
    }

    [Fact]
    public async Task Template_WithoutDashboardAndRulesFiles_RendersTheRest()
    {
        using var copy = ChartCopy(withFiles: false);

        var chart = await RenderedChart.RenderChartAsync(copy.Path, "--values", RepoPaths.AllOnValues);

        Assert.Empty(chart.OfKind("PrometheusRule"));
        Assert.DoesNotContain(chart.OfKind("ConfigMap"), c => RenderedChart.Name(c).EndsWith("-dashboard", StringComparison.Ordinal));
        Assert.NotEmpty(chart.OfKind("StatefulSet"));
    }

    private static TempDirectory ChartCopy(bool withFiles)
    {
        var copy = new TempDirectory("warren-chart-");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Chart, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Chart, file);
            if (relative.StartsWith("ci" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("dashboards" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("alerts" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var target = copy.Combine(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (withFiles)
        {
            Directory.CreateDirectory(copy.Combine("dashboards"));
            Directory.CreateDirectory(copy.Combine("alerts"));
            File.WriteAllText(copy.Combine("dashboards/warren.json"), Dashboard + "\n");
            File.WriteAllText(copy.Combine("alerts/warren-rules.yaml"), Rules);
        }

        return copy;
    }
}
