using System.Text;
using Warren.Helm.Tests.Infrastructure;
using Warren.Ssh.Keys;

namespace Warren.Helm.Tests;

/// <summary>One set of host keys for every pod, in a form Warren loads.</summary>
public sealed class HostKeyTests
{
    [Fact]
    public async Task HostKeySecret_Generated_KeysLoadAsWarrenHostKeys()
    {
        var chart = await RenderedChart.RenderAsync();
        var secret = chart.Single("Secret", "relay-warren-host-keys");
        var settings = chart.ConfigMapData("relay-warren", "settings.json");
        using var directory = new TempDirectory("warren-helm-");

        var names = secret.Get("data").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["ssh_host_ed25519_key", "ssh_host_ecdsa_key"], names);
        Assert.Equal(
            names.Select(n => "/etc/warren/host-keys/" + n),
            settings.Get("Ssh.HostKeys").EnumerateArray().Select(e => e.GetString()));
        foreach (var key in secret.Get("data").EnumerateObject())
        {
            var path = directory.Combine(key.Name);
            await File.WriteAllTextAsync(path, Encoding.UTF8.GetString(Convert.FromBase64String(key.Value.GetString()!)));
            var hostKey = KeyFile.Load(path);
            Assert.Equal(key.Name == "ssh_host_ed25519_key" ? "ssh-ed25519" : "ecdsa-sha2-nistp256", hostKey.KeyType);
        }
    }

    [Fact]
    public async Task HostKeySecret_Generated_KeptOnUninstallAndMountedInEveryPod()
    {
        var chart = await RenderedChart.RenderAsync();

        var secret = chart.Single("Secret", "relay-warren-host-keys");
        Assert.Equal("keep", secret.Get("metadata.annotations").GetProperty("helm.sh/resource-policy").GetString());
        var volume = chart.StatefulSet.Get("spec.template.spec.volumes").Named("host-keys");
        Assert.Equal("relay-warren-host-keys", volume.Get("secret.secretName").GetString());
    }

    [Fact]
    public async Task HostKeySecret_ExistingSecret_UsedAndNoneMade()
    {
        var chart = await RenderedChart.RenderAsync("--set", "hostKeys.existingSecret=my-keys", "--set", "hostKeys.files={ssh_host_rsa_key}");

        Assert.DoesNotContain(chart.OfKind("Secret"), s => RenderedChart.Name(s).EndsWith("host-keys", StringComparison.Ordinal));
        var volume = chart.StatefulSet.Get("spec.template.spec.volumes").Named("host-keys");
        Assert.Equal("my-keys", volume.Get("secret.secretName").GetString());
        Assert.Equal(
            "/etc/warren/host-keys/ssh_host_rsa_key",
            chart.ConfigMapData("relay-warren", "settings.json").Get("Ssh.HostKeys")[0].GetString());
    }
}
