using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

public sealed class HelmLintTests
{
    [Fact]
    public async Task Lint_DefaultValues_PassesStrict()
    {
        var result = await HelmChart.LintAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Lint_AllOptionalPartsOn_PassesStrict()
    {
        var result = await HelmChart.LintAsync("--values", RepoPaths.AllOnValues);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Lint_KubernetesApiDiscovery_PassesStrict()
    {
        var result = await HelmChart.LintAsync("--set", "cluster.discovery=kubernetes-api");

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
