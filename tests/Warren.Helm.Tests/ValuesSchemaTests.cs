using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>values.schema.json stops wrong values before anything is rendered.</summary>
public sealed class ValuesSchemaTests
{
    [Theory]
    [InlineData("replicaCount=three", "/replicaCount")]
    [InlineData("service.ports.ssh=70000", "/service/ports/ssh")]
    [InlineData("service.type=Ingress", "/service/type")]
    [InlineData("logFormat=xml", "/logFormat")]
    [InlineData("podAntiAffinity=sometimes", "/podAntiAffinity")]
    [InlineData("tls.enabled=maybe", "/tls/enabled")]
    [InlineData("drain.shutdownSeconds=0", "/drain/shutdownSeconds")]
    public async Task Template_WrongValue_RejectedBySchema(string setting, string path)
    {
        var result = await HelmChart.TemplateAsync("--set", setting);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"at '{path}'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_MisspeltKey_RejectedBySchema()
    {
        var result = await HelmChart.TemplateAsync("--set", "replicaCunt=3");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("additional properties 'replicaCunt' not allowed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_TwoAuthorizedKeySources_FailsWithTheFix()
    {
        var result = await HelmChart.TemplateAsync(
            "--set", "auth.authorizedKeys.content=ssh-ed25519 AAAA alice",
            "--set", "auth.authorizedKeys.existingSecret=keys");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("auth.authorizedKeys: set only one of content, existingSecret and existingConfigMap", result.Stderr, StringComparison.Ordinal);
    }
}
