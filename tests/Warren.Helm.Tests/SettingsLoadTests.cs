using Warren.Helm.Tests.Infrastructure;
using Warren.Server.Configuration;

namespace Warren.Helm.Tests;

/// <summary>
/// The settings file and arguments the chart renders load as `warren serve --config` loads it: every key is
/// one Warren knows and every value is one it takes. The files it names are stood in for under a
/// temporary directory, because the loader checks that they exist.
/// </summary>
public sealed class SettingsLoadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Settings_RenderedFile_LoadsInWarren(bool allOn)
    {
        var chart = allOn ? await RenderedChart.RenderAsync("--values", RepoPaths.AllOnValues) : await RenderedChart.RenderAsync();
        var options = await LoadAsync(chart, "relay-warren-0");

        Assert.Equal("0.0.0.0:2222", options.SshListen);
        // ci/all-on-values.yaml sets clusterDomain: cluster.example.
        var pod0 = "relay-warren-0.relay-warren-cluster.tunnels.svc." + (allOn ? "cluster.example" : "cluster.local") + ":4053";
        Assert.Equal(pod0, options.ClusterListen);
        Assert.Contains("akka.tcp://warren@" + pod0, options.SeedNodes);
    }

    [Fact]
    public async Task Settings_KubernetesApiDiscovery_LoadsWithTheRenderedClusterConfigAndNoSeeds()
    {
        var chart = await RenderedChart.RenderAsync("--set", "cluster.discovery=kubernetes-api");
        var options = await LoadAsync(chart, "10.1.2.3");

        Assert.Equal("10.1.2.3:4053", options.ClusterListen);
        Assert.Empty(options.SeedNodes);
        Assert.EndsWith("/etc/warren/config/kubernetes.hocon", options.ClusterConfig, StringComparison.Ordinal);
    }

    /// <summary>
    /// Loads the chart's settings file and arguments as warren serve would in a pod whose
    /// $(POD_NAME) and $(POD_IP) are <paramref name="podAddress"/>; the files they name are made
    /// under a temporary directory (empty, or the ConfigMap's content where it has one).
    /// </summary>
    private static async Task<ServeOptions> LoadAsync(RenderedChart chart, string podAddress)
    {
        var settings = chart.ConfigMapData("relay-warren", "settings.json");
        using var root = new TempDirectory("warren-helm-settings-");

        var text = chart.ConfigMapText("relay-warren", "settings.json");
        foreach (var path in SettingsPaths.All(settings).Distinct())
        {
            var local = root.Path + path;
            text = text.Replace($"\"{path}\"", $"\"{local}\"", StringComparison.Ordinal);
            if (path == settings.Get("DataDir").GetString())
            {
                Directory.CreateDirectory(local);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                await File.WriteAllTextAsync(local, FromConfigMap(chart, path));
            }
        }

        var file = root.Combine("settings.json");
        await File.WriteAllTextAsync(file, text);

        // The pod's arguments as the kubelet expands them, with the settings file here.
        var args = chart.WarrenContainer.Get("args").EnumerateArray().Skip(1)
            .Select(a => a.GetString()!.Replace("$(POD_NAME)", podAddress, StringComparison.Ordinal).Replace("$(POD_IP)", podAddress, StringComparison.Ordinal))
            .Select(a => a == "/etc/warren/config/settings.json" ? file : a)
            .ToArray();
        var loaded = ServeOptionsLoader.TryLoad(args, new Dictionary<string, string>(), out var options, out var error);

        Assert.True(loaded, $"warren serve rejects the chart's arguments and settings: {error}");
        return options;
    }

    /// <summary>A file of the settings ConfigMap (mounted at /etc/warren/config), else empty.</summary>
    private static string FromConfigMap(RenderedChart chart, string path)
    {
        const string Mount = "/etc/warren/config/";
        var data = chart.Single("ConfigMap", "relay-warren").Get("data");
        return path.StartsWith(Mount, StringComparison.Ordinal) && data.TryGetProperty(path[Mount.Length..], out var content) ? content.GetString()! : "";
    }
}
