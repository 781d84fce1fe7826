using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

public sealed class ServiceTests
{
    [Fact]
    public async Task PublicService_Default_SshOn22AndHttpOn80()
    {
        var service = (await RenderedChart.RenderAsync()).Single("Service", "relay-warren");

        Assert.Equal("LoadBalancer", service.Get("spec.type").GetString());
        Assert.Equal("Local", service.Get("spec.externalTrafficPolicy").GetString());
        var ports = service.Get("spec.ports");
        Assert.Equal(22, ports.Named("ssh").GetProperty("port").GetInt32());
        Assert.Equal("ssh", ports.Named("ssh").GetProperty("targetPort").GetString());
        Assert.Equal(80, ports.Named("http").GetProperty("port").GetInt32());
        Assert.Equal(2, ports.GetArrayLength());
    }

    [Fact]
    public async Task PublicService_TlsOn_AddsHttpsOn443ToPort8443()
    {
        var chart = await RenderedChart.RenderAsync("--set", "tls.enabled=true");

        var https = chart.Single("Service", "relay-warren").Get("spec.ports").Named("https");
        Assert.Equal(443, https.GetProperty("port").GetInt32());
        Assert.Equal(8443, chart.WarrenContainer.Get("ports").Named("https").GetProperty("containerPort").GetInt32());
        Assert.Equal("0.0.0.0:8443", chart.ConfigMapData("relay-warren", "settings.json").Get("Edge.TlsListen").GetString());
    }

    [Fact]
    public async Task ClusterService_Default_HeadlessAndPublishesPodsBeforeReady()
    {
        var chart = await RenderedChart.RenderAsync();
        var service = chart.Single("Service", "relay-warren-cluster");

        Assert.Equal("None", service.Get("spec.clusterIP").GetString());
        Assert.True(service.Get("spec.publishNotReadyAddresses").GetBoolean());
        Assert.Equal("relay-warren-cluster", chart.StatefulSet.Get("spec.serviceName").GetString());
        var names = service.Get("spec.ports").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "remoting", "relay", "metrics" }, names);
        Assert.DoesNotContain("management", names);
    }
}
