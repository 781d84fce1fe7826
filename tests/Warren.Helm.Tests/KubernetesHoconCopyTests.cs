using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>
/// The chart cannot read files outside its directory, so it carries a copy of
/// cluster-config/kubernetes.hocon in files/. The copy must be the file itself.
/// </summary>
public sealed class KubernetesHoconCopyTests
{
    [Fact]
    public void ChartHocon_SameAsClusterConfigKubernetesHocon()
    {
        var original = Path.Combine(RepoPaths.Root, "cluster-config", "kubernetes.hocon");
        var copy = Path.Combine(RepoPaths.Chart, "files", "kubernetes.hocon");

        Assert.True(File.Exists(original), $"{original} is missing; the chart mounts a copy of it.");
        Assert.True(
            File.ReadAllText(original) == File.ReadAllText(copy),
            "helm/warren/files/kubernetes.hocon differs from cluster-config/kubernetes.hocon; " +
            "copy it over: cp cluster-config/kubernetes.hocon helm/warren/files/kubernetes.hocon");
    }
}
