using Akka.Configuration;
using Warren.Helm.Tests.Infrastructure;
using Warren.Server.Discovery;
using Warren.Server.Hosting;

namespace Warren.Helm.Tests;

/// <summary>cluster.discovery: kubernetes-api, where the pods find each other through the Kubernetes API.</summary>
public sealed class KubernetesDiscoveryChartTests
{
    [Fact]
    public async Task Discovery_KubernetesApi_PodsAdvertiseTheirIpWithATokenAndNoSeedNodes()
    {
        var chart = await RenderedChart.RenderAsync("--set", "cluster.discovery=kubernetes-api");
        var container = chart.WarrenContainer;
        var settings = chart.ConfigMapData("relay-warren", "settings.json");

        Assert.Equal(
            ["serve", "--config", "/etc/warren/config/settings.json", "--cluster-listen", "$(POD_IP):4053"],
            container.Get("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("status.podIP", container.Get("env").Named("POD_IP").Get("valueFrom.fieldRef.fieldPath").GetString());
        Assert.True(chart.StatefulSet.Get("spec.template.spec.automountServiceAccountToken").GetBoolean());
        Assert.False(settings.Has("Cluster.SeedNodes"));
        Assert.Equal("/etc/warren/config/kubernetes.hocon", settings.Get("Cluster.Config").GetString());
    }

    [Fact]
    public async Task Discovery_KubernetesApi_RoleReadsPodsOnlyAndIsBoundToThePodsAccount()
    {
        var chart = await RenderedChart.RenderAsync("--set", "cluster.discovery=kubernetes-api");

        var rule = Assert.Single(chart.Single("Role", "relay-warren-pod-reader").Get("rules").EnumerateArray());
        Assert.Equal([""], rule.Get("apiGroups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["pods"], rule.Get("resources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["get", "list", "watch"], rule.Get("verbs").EnumerateArray().Select(e => e.GetString()));
        var binding = chart.Single("RoleBinding", "relay-warren-pod-reader");
        Assert.Equal("relay-warren-pod-reader", binding.Get("roleRef.name").GetString());
        var subject = Assert.Single(binding.Get("subjects").EnumerateArray());
        Assert.Equal(chart.StatefulSet.Get("spec.template.spec.serviceAccountName").GetString(), subject.Get("name").GetString());
        Assert.Equal("tunnels", subject.Get("namespace").GetString());
    }

    [Theory]
    [InlineData(new string[0], 3)]
    [InlineData(new[] { "--set", "replicaCount=5" }, 5)]
    [InlineData(new[] { "--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=4" }, 4)]
    [InlineData(new[] { "--set", "cluster.requiredPods=2" }, 2)]
    public async Task Discovery_KubernetesApi_RenderedHoconLoadsWithTheReleaseLabelsAndRequiredPods(string[] values, int required)
    {
        var chart = await RenderedChart.RenderAsync([.. values, "--set", "cluster.discovery=kubernetes-api"]);
        var hocon = chart.ConfigMapText("relay-warren", "kubernetes.hocon");

        // Outside a pod there is no API server or namespace file to default to: name them.
        var config = ConfigurationFactory.ParseString("warren.cluster.kubernetes-discovery { api-url = \"https://10.0.0.1\", namespace = tunnels }")
            .WithFallback(ConfigurationFactory.ParseString(hocon))
            .WithFallback(ConfigurationFactory.ParseString(AkkaSettings.BaseHocon()));

        Assert.Null(ClusterJoin.Problem(config));
        Assert.True(KubernetesDiscoverySettings.TryLoad(config, out var discovery, out var error), error);
        Assert.Equal(required, discovery.RequiredContactPoints);
        Assert.Equal("app.kubernetes.io/name=warren,app.kubernetes.io/instance=relay", discovery.LabelSelector);
        Assert.Equal("remoting", discovery.PortName);
        Assert.Equal(4053, discovery.DefaultPort);
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public async Task Discovery_Default_NoHoconNoRole()
    {
        var chart = await RenderedChart.RenderAsync();

        Assert.False(chart.Single("ConfigMap", "relay-warren").Get("data").TryGetProperty("kubernetes.hocon", out _));
        Assert.Empty(chart.OfKind("Role"));
        Assert.Equal(3, chart.ConfigMapData("relay-warren", "settings.json").Get("Cluster.SeedNodes").GetArrayLength());
    }
}
