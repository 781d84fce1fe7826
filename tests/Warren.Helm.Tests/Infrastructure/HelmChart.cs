namespace Warren.Helm.Tests.Infrastructure;

/// <summary>Runs helm lint and helm template on a chart directory (the repository's by default).</summary>
internal static class HelmChart
{
    /// <summary>The release name and namespace every render uses.</summary>
    public const string Release = "relay";
    public const string Namespace = "tunnels";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Task<ProcessResult> LintAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(ChartTools.Helm, ["lint", "--strict", RepoPaths.Chart, "--namespace", Namespace, .. arguments], Timeout);

    public static Task<ProcessResult> TemplateAsync(params string[] arguments) => TemplateChartAsync(RepoPaths.Chart, arguments);

    public static Task<ProcessResult> TemplateChartAsync(string chart, params string[] arguments) =>
        ProcessRunner.RunAsync(ChartTools.Helm, ["template", Release, chart, "--namespace", Namespace, .. arguments], Timeout);
}
