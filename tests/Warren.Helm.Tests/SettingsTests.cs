using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>The settings file the pods read (--config): every file it names is mounted, and the values reach it.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Settings_EveryFileNamed_IsUnderAMount(bool allOn)
    {
        var chart = allOn ? await RenderedChart.RenderAsync("--values", RepoPaths.AllOnValues) : await RenderedChart.RenderAsync();
        var settings = chart.ConfigMapData("relay-warren", "settings.json");
        var mounts = chart.WarrenContainer.Get("volumeMounts").EnumerateArray()
            .Select(m => m.GetProperty("mountPath").GetString()!.TrimEnd('/') + "/")
            .ToList();

        var paths = SettingsPaths.All(settings).ToList();
        Assert.All(paths, path => Assert.True(
            mounts.Any(m => (path + "/").StartsWith(m, StringComparison.Ordinal)),
            $"{path} is not under any volume mount ({string.Join(", ", mounts)})"));
        Assert.Equal(
            ["serve", "--config", "/etc/warren/config/settings.json"],
            chart.WarrenContainer.Get("args").EnumerateArray().Select(a => a.GetString()).Take(3));
    }

    [Fact]
    public async Task Settings_Values_ReachTheirWarrenKeys()
    {
        var chart = await RenderedChart.RenderAsync(
            "--set", "domain=tunnels.example.com",
            "--set", "auth.anonymous=true",
            "--set", "limits.sessionsPerAccount=7",
            "--set", "logFormat=text");
        var settings = chart.ConfigMapData("relay-warren", "settings.json");

        Assert.Equal("tunnels.example.com", settings.Get("Edge.Domain").GetString());
        Assert.True(settings.Get("Auth.Anonymous").GetBoolean());
        Assert.Equal(7, settings.Get("Limits.SessionsPerAccount").GetInt32());
        Assert.False(settings.Has("Limits.TunnelsPerAccount"));
        Assert.Equal("text", settings.Get("Logging.Format").GetString());
        Assert.Equal("0.0.0.0:2222", settings.Get("Ssh.Listen").GetString());
    }

    [Fact]
    public async Task Settings_ServicePorts_AreThePublicPortsTheSessionTextsPrint()
    {
        var chart = await RenderedChart.RenderAsync("--set", "service.ports.ssh=2022", "--set", "tls.enabled=true");
        var settings = chart.ConfigMapData("relay-warren", "settings.json");

        Assert.Equal(2022, settings.Get("Public.SshPort").GetInt32());
        Assert.Equal(80, settings.Get("Public.HttpPort").GetInt32());
        Assert.Equal(443, settings.Get("Public.TlsPort").GetInt32());
    }

    [Fact]
    public async Task Settings_FreeFormSettings_LaidOverTheChartsOwn()
    {
        var chart = await RenderedChart.RenderAsync("--set", "settings.Ssh.MaxStartups=50", "--set", "settings.Edge.Domain=override.example.com");
        var settings = chart.ConfigMapData("relay-warren", "settings.json");

        Assert.Equal(50, settings.Get("Ssh.MaxStartups").GetInt32());
        Assert.Equal("0.0.0.0:2222", settings.Get("Ssh.Listen").GetString());
        Assert.Equal("override.example.com", settings.Get("Edge.Domain").GetString());
    }

    [Fact]
    public async Task Settings_RelayTlsSecret_MountedAndGivenAsTheRelayTlsFiles()
    {
        var chart = await RenderedChart.RenderAsync("--set", "cluster.relayTls.secretName=relay-link-tls");
        var settings = chart.ConfigMapData("relay-warren", "settings.json");

        Assert.Equal("/etc/warren/relay-tls/tls.crt", settings.Get("Cluster.RelayTlsCert").GetString());
        Assert.Equal("/etc/warren/relay-tls/tls.key", settings.Get("Cluster.RelayTlsKey").GetString());
        Assert.False(settings.Has("Cluster.RelayTlsCa"));
        var volume = chart.StatefulSet.Get("spec.template.spec.volumes").Named("relay-tls");
        Assert.Equal("relay-link-tls", volume.Get("secret.secretName").GetString());
        Assert.Contains(chart.WarrenContainer.Get("volumeMounts").EnumerateArray(), m => m.GetProperty("mountPath").GetString() == "/etc/warren/relay-tls");
    }

    [Fact]
    public async Task Settings_RelayTlsCaFromSecret_ChecksPeersAgainstItsCaCrt()
    {
        var chart = await RenderedChart.RenderAsync("--set", "cluster.relayTls.secretName=relay-link-tls", "--set", "cluster.relayTls.caFromSecret=true");

        Assert.Equal("/etc/warren/relay-tls/ca.crt", chart.ConfigMapData("relay-warren", "settings.json").Get("Cluster.RelayTlsCa").GetString());
    }

    [Fact]
    public async Task Settings_NoRelayTlsSecret_PlainLinksAndNoMount()
    {
        var chart = await RenderedChart.RenderAsync();

        Assert.False(chart.ConfigMapData("relay-warren", "settings.json").Has("Cluster.RelayTlsCert"));
        Assert.DoesNotContain(chart.StatefulSet.Get("spec.template.spec.volumes").EnumerateArray(), v => v.GetProperty("name").GetString() == "relay-tls");
    }

    [Fact]
    public async Task Settings_AuthorizedKeysAsDirectory_GivesWarrenTheDirectory()
    {
        var chart = await RenderedChart.RenderAsync(
            "--set", "auth.authorizedKeys.existingConfigMap=users",
            "--set", "auth.authorizedKeys.key=");

        Assert.Equal("/etc/warren/authorized-keys", chart.ConfigMapData("relay-warren", "settings.json").Get("Auth.AuthorizedKeys").GetString());
        var volume = chart.StatefulSet.Get("spec.template.spec.volumes").Named("authorized-keys");
        Assert.Equal("users", volume.Get("configMap.name").GetString());
    }
}
