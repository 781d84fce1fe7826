using System.Text.Json;
using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>The pods: probes, drain timing, security context, and what cluster bootstrap needs.</summary>
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
    public async Task StatefulSet_Drain_GracePeriodIsPreStopPlusShutdown()
    {
        var chart = await RenderedChart.RenderAsync("--set", "drain.preStopSeconds=7", "--set", "drain.shutdownSeconds=45");

        Assert.Equal(52, chart.StatefulSet.Get("spec.template.spec.terminationGracePeriodSeconds").GetInt32());
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
    public async Task StatefulSet_Pods_FoundByBootstrapThroughTheirLabelAndPort()
    {
        var chart = await RenderedChart.RenderAsync();
        var hocon = chart.ConfigMapText("relay-warren", "cluster.hocon");
        var labels = chart.StatefulSet.Get("spec.template.metadata.labels");

        // pod-label-selector "app={0}" with {0} = service-name, which the chart sets last.
        Assert.Contains("pod-label-selector = \"app={0}\"", hocon, StringComparison.Ordinal);
        Assert.EndsWith(
            "contact-point-discovery.service-name = \"relay-warren-cluster\"\n" +
            "akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr = 3",
            hocon.TrimEnd('\n'),
            StringComparison.Ordinal);
        Assert.Equal("relay-warren-cluster", labels.GetProperty("app").GetString());
        Assert.Contains("port-name = management", hocon, StringComparison.Ordinal);
        Assert.Equal(8558, chart.WarrenContainer.Get("ports").Named("management").GetProperty("containerPort").GetInt32());
        Assert.Equal("status.podIP", chart.WarrenContainer.Get("env").Named("WARREN_POD_IP").Get("valueFrom.fieldRef.fieldPath").GetString());
        Assert.Equal("Parallel", chart.StatefulSet.Get("spec.podManagementPolicy").GetString());
    }

    [Fact]
    public async Task Role_Default_LetsThePodsListPods()
    {
        var chart = await RenderedChart.RenderAsync();
        var rule = chart.Single("Role", "relay-warren-pod-reader").Get("rules")[0];
        var binding = chart.Single("RoleBinding", "relay-warren-pod-reader");

        Assert.Equal(["pods"], rule.Get("resources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["get", "watch", "list"], rule.Get("verbs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            chart.StatefulSet.Get("spec.template.spec.serviceAccountName").GetString(),
            binding.Get("subjects")[0].Get("name").GetString());
    }

    [Fact]
    public async Task StatefulSet_AutoscalingOn_LeavesReplicasToTheAutoscaler()
    {
        var chart = await RenderedChart.RenderAsync("--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=4");

        Assert.False(chart.StatefulSet.Has("spec.replicas"));
        var hpa = chart.Single("HorizontalPodAutoscaler", "relay-warren");
        Assert.Equal("StatefulSet", hpa.Get("spec.scaleTargetRef.kind").GetString());
        Assert.Contains(
            "required-contact-point-nr = 4",
            chart.ConfigMapText("relay-warren", "cluster.hocon"),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soft", "preferredDuringSchedulingIgnoredDuringExecution")]
    [InlineData("hard", "requiredDuringSchedulingIgnoredDuringExecution")]
    public async Task StatefulSet_AntiAffinityPreset_SpreadsPodsOverNodes(string preset, string rule)
    {
        var chart = await RenderedChart.RenderAsync("--set", "podAntiAffinity=" + preset);

        Assert.Equal(JsonValueKind.Array, chart.StatefulSet.Get("spec.template.spec.affinity.podAntiAffinity." + rule).ValueKind);
    }
}
