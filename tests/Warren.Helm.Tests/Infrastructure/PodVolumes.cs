using System.Text;
using System.Text.Json;

namespace Warren.Helm.Tests.Infrastructure;

/// <summary>
/// What the kubelet would put at the Warren container's mount paths, written under a local
/// root: the rendered Secrets' and ConfigMaps' keys as files, empty directories for emptyDirs.
/// A volume whose Secret or ConfigMap the chart does not render (an existing one) fails the test.
/// </summary>
internal static class PodVolumes
{
    public static async Task WriteAsync(RenderedChart chart, string root)
    {
        var volumes = chart.StatefulSet.Get("spec.template.spec.volumes");
        foreach (var mount in chart.WarrenContainer.Get("volumeMounts").EnumerateArray())
        {
            var directory = root + mount.GetProperty("mountPath").GetString();
            Directory.CreateDirectory(directory);
            var volume = volumes.Named(mount.GetProperty("name").GetString()!);
            if (volume.TryGetProperty("secret", out var secret))
            {
                var data = chart.Single("Secret", secret.GetProperty("secretName").GetString()!).Get("data");
                await WriteFilesAsync(directory, data, base64: true);
            }
            else if (volume.TryGetProperty("configMap", out var configMap))
            {
                var data = chart.Single("ConfigMap", configMap.GetProperty("name").GetString()!).Get("data");
                await WriteFilesAsync(directory, data, base64: false);
            }
        }
    }

    private static async Task WriteFilesAsync(string directory, JsonElement data, bool base64)
    {
        foreach (var file in data.EnumerateObject())
        {
            var text = file.Value.GetString()!;
            await File.WriteAllTextAsync(Path.Combine(directory, file.Name), base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text);
        }
    }
}
