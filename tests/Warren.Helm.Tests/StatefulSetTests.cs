using System.Text.Json;
using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>The pods: probes, drain timing, security context, and how the pods form the cluster.</summary>
public sealed class StatefulSetTests
{
    [Fact]
    public async Task StatefulSet_Default_ProbesAskMetricsPort()
    {
        var container = (await RenderedChart.RenderAsync()).WarrenContainer;

        Assert.Equal("/readyz", container.Get("readinessProbe.httpGet.path").GetString());
        Assert.Equal("metrics", container.Get("readinessProbe.httpGet.port").GetString());
        Assert.Equal("/healthz", container.Get("livenessProbe.httpGet.path").GetString());
        Assert.Equal("metrics", container.Get("livenessProbe.httpGet.port").GetString());
        Assert.Equal(9464, container.Get("ports").Named("metrics").GetProperty("containerPort").GetInt32());
    }

    [Fact]
    public async Task StatefulSet_Drain_GracePeriodIsPreStopPlusStreamsPlusShutdown()
    {
        var chart = await RenderedChart.RenderAsync("--set", "drain.preStopSeconds=7", "--set", "drain.streamsSeconds=12", "--set", "drain.shutdownSeconds=45");

        Assert.Equal(64, chart.StatefulSet.Get("spec.template.spec.terminationGracePeriodSeconds").GetInt32());
        Assert.Equal(12, chart.ConfigMapData("relay-warren", "settings.json").Get("Cluster.DrainTimeout").GetInt32());
        var preStop = chart.WarrenContainer.Get("lifecycle.preStop.exec.command");
        Assert.Equal(["sleep", "7"], preStop.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task StatefulSet_Default_RunsLockedDown()
    {
        var chart = await RenderedChart.RenderAsync();
        var pod = chart.StatefulSet.Get("spec.template.spec.securityContext");
        var container = chart.WarrenContainer.Get("securityContext");

        Assert.True(pod.Get("runAsNonRoot").GetBoolean());
        Assert.Equal(10001, pod.Get("runAsUser").GetInt32());
        Assert.Equal("RuntimeDefault", pod.Get("seccompProfile.type").GetString());
        Assert.True(container.Get("readOnlyRootFilesystem").GetBoolean());
        Assert.False(container.Get("allowPrivilegeEscalation").GetBoolean());
        Assert.Equal(["ALL"], container.Get("capabilities.drop").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task StatefulSet_FiveReplicas_FirstThreePodsAreTheSeedNodes()
    {
        var chart = await RenderedChart.RenderAsync("--set", "replicaCount=5", "--set", "clusterDomain=k8s.example");

        Assert.Equal(
            [Seed(0, "k8s.example"), Seed(1, "k8s.example"), Seed(2, "k8s.example")],
            SeedNodes(chart));
        Assert.Equal("relay-warren-cluster", chart.StatefulSet.Get("spec.serviceName").GetString());
        Assert.Equal("Parallel", chart.StatefulSet.Get("spec.podManagementPolicy").GetString());
    }

    [Fact]
    public async Task StatefulSet_OneReplica_ItsOnlyPodIsTheSeedNode()
    {
        var chart = await RenderedChart.RenderAsync("--set", "replicaCount=1");

        Assert.Equal([Seed(0, "cluster.local")], SeedNodes(chart));
    }

    [Fact]
    public async Task StatefulSet_Pods_ListenOnAndAdvertiseTheirOwnDnsName()
    {
        var chart = await RenderedChart.RenderAsync();
        var args = chart.WarrenContainer.Get("args").EnumerateArray().Select(a => a.GetString()).ToList();

        Assert.Equal(
            ["serve", "--config", "/etc/warren/config/settings.json", "--cluster-listen", "$(POD_NAME).relay-warren-cluster.tunnels.svc.cluster.local:4053"],
            args);
        Assert.Equal("metadata.name", chart.WarrenContainer.Get("env").Named("POD_NAME").Get("valueFrom.fieldRef.fieldPath").GetString());
        Assert.Equal(4053, chart.WarrenContainer.Get("ports").Named("remoting").GetProperty("containerPort").GetInt32());
    }

    [Fact]
    public async Task StatefulSet_Default_NoKubernetesApiAccess()
    {
        var chart = await RenderedChart.RenderAsync("--values", RepoPaths.AllOnValues);

        Assert.Empty(chart.OfKind("Role"));
        Assert.Empty(chart.OfKind("RoleBinding"));
        Assert.False(chart.StatefulSet.Get("spec.template.spec.automountServiceAccountToken").GetBoolean());
        Assert.DoesNotContain(chart.WarrenContainer.Get("ports").EnumerateArray(), p => p.GetProperty("name").GetString() == "management");
    }

    [Fact]
    public async Task StatefulSet_AutoscalingOn_LeavesReplicasToTheAutoscaler()
    {
        var chart = await RenderedChart.RenderAsync("--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=4", "--set", "replicaCount=1");

        Assert.False(chart.StatefulSet.Has("spec.replicas"));
        var hpa = chart.Single("HorizontalPodAutoscaler", "relay-warren");
        Assert.Equal("StatefulSet", hpa.Get("spec.scaleTargetRef.kind").GetString());
        Assert.Equal([Seed(0, "cluster.local"), Seed(1, "cluster.local"), Seed(2, "cluster.local")], SeedNodes(chart));
    }

    [Theory]
    [InlineData("soft", "preferredDuringSchedulingIgnoredDuringExecution")]
    [InlineData("hard", "requiredDuringSchedulingIgnoredDuringExecution")]
    public async Task StatefulSet_AntiAffinityPreset_SpreadsPodsOverNodes(string preset, string rule)
    {
        var chart = await RenderedChart.RenderAsync("--set", "podAntiAffinity=" + preset);

        Assert.Equal(JsonValueKind.Array, chart.StatefulSet.Get("spec.template.spec.affinity.podAntiAffinity." + rule).ValueKind);
    }

    private static string Seed(int ordinal, string clusterDomain) =>
        $"akka.tcp://warren@relay-warren-{ordinal}.relay-warren-cluster.tunnels.svc.{clusterDomain}:4053";

    private static List<string?> SeedNodes(RenderedChart chart) =>
        [.. chart.ConfigMapData("relay-warren", "settings.json").Get("Cluster.SeedNodes").EnumerateArray().Select(e => e.GetString())];
}
