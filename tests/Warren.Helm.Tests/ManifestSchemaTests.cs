using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>Every object the chart renders is a valid Kubernetes (or prometheus-operator) object.</summary>
public sealed class ManifestSchemaTests
{
    [Fact]
    public async Task Template_DefaultValues_EveryObjectValid()
    {
        var chart = await RenderedChart.RenderAsync();

        string[] expected = ["StatefulSet", "Service", "ConfigMap", "Secret", "ServiceAccount", "PodDisruptionBudget"];
        Assert.All(expected, kind => Assert.NotEmpty(chart.OfKind(kind)));
        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.Empty(chart.OfKind("ServiceMonitor"));
    }

    [Fact]
    public async Task Template_AllOptionalPartsOn_EveryObjectValid()
    {
        var chart = await RenderedChart.RenderAsync("--values", RepoPaths.AllOnValues);

        Assert.Single(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.Single(chart.OfKind("ServiceMonitor"));
        chart.Single("ConfigMap", "relay-warren-authorized-keys");
        chart.Single("Secret", "relay-warren-admin-token");
    }

    [Fact]
    public async Task Validator_InvalidStatefulSet_ReportsTheField()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: broken
            spec:
              replicas: three
              serviceName: broken
              selector: {}
              template: {}
            """;

        var result = await ManifestValidator.ValidateAsync(yaml);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("StatefulSet/broken: /spec/replicas must be integer", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_MisspeltField_Rejected()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: typo
            spec:
              serviceName: typo
              selector: {}
              template:
                spec:
                  containers:
                    - name: warren
                      readinesProbe: {}
                      resources:
                        requests: { cpu: 250m }
            """;

        var result = await ManifestValidator.ValidateAsync(yaml);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "StatefulSet/typo: /spec/template/spec/containers/0/readinesProbe is not a field of StatefulSet",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("cpu", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_UnknownApiVersion_Rejected()
    {
        var result = await ManifestValidator.ValidateAsync("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("apiVersion example.com/v1 is not one validate.mjs knows", result.Stderr, StringComparison.Ordinal);
    }
}
