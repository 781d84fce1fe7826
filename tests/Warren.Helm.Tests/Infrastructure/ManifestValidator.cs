namespace Warren.Helm.Tests.Infrastructure;

/// <summary>
/// helm/warren/ci/validate.mjs: checks rendered manifests against the Kubernetes and
/// prometheus-operator OpenAPI schemas, or prints them as JSON.
/// </summary>
internal static class ManifestValidator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static async Task<ProcessResult> ValidateAsync(string yaml, bool asJson = false)
    {
        using var directory = new TempDirectory("warren-helm-");
        var file = directory.Combine("rendered.yaml");
        await File.WriteAllTextAsync(file, yaml);
        string[] arguments = asJson ? [ChartTools.ValidateScript, "--json", file] : [ChartTools.ValidateScript, file];
        return await ProcessRunner.RunAsync(ChartTools.Node, arguments, Timeout);
    }
}
