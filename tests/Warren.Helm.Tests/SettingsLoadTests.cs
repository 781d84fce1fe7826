using Warren.Helm.Tests.Infrastructure;
using Warren.Server.Configuration;

namespace Warren.Helm.Tests;

/// <summary>
/// The settings file the chart renders loads as `warren serve --config` loads it: every key is
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
                await File.WriteAllTextAsync(local, "");
            }
        }

        var file = root.Combine("settings.json");
        await File.WriteAllTextAsync(file, text);

        var loaded = ServeOptionsLoader.TryLoad(["--config", file], new Dictionary<string, string>(), out var options, out var error);

        Assert.True(loaded, $"warren serve --config rejects the chart's settings: {error}");
        Assert.Equal("0.0.0.0:2222", options.SshListen);
    }
}
