using System.Globalization;
using System.Text.RegularExpressions;
using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>
/// Pod 0 of a one-replica release run as the real <c>warren serve</c>: the arguments, settings
/// file, host keys and cluster secret the chart renders, with only what Kubernetes provides
/// stood in for on this machine: the pod's DNS name is 127.0.0.1, the ports are free ones,
/// the mount paths live under a temporary directory.
/// </summary>
public sealed partial class PodStartTests
{
    private const string PodName = "relay-warren-0";
    private const string PodDnsName = PodName + ".relay-warren-cluster.tunnels.svc.cluster.local";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pod0_OneReplicaRelease_StartsAndBecomesClusterMember()
    {
        var chart = await RenderedChart.RenderAsync("--set", "replicaCount=1");
        using var root = new TempDirectory("warren-helm-pod-");
        await PodVolumes.WriteAsync(chart, root.Path);
        var clusterPort = FreePort.Get();
        var clusterAddress = "127.0.0.1:" + clusterPort.ToString(CultureInfo.InvariantCulture);

        var settingsPath = root.Path + "/etc/warren/config/settings.json";
        var settings = await File.ReadAllTextAsync(settingsPath);
        Assert.Contains($"\"akka.tcp://warren@{PodDnsName}:4053\"", settings, StringComparison.Ordinal);
        settings = LocalPaths(settings, root.Path).Replace(PodDnsName + ":4053", clusterAddress, StringComparison.Ordinal);
        var ports = new Queue<int>(FreePort.GetMany(WildcardListen().Count(settings)));
        settings = WildcardListen().Replace(settings, _ => $"\"127.0.0.1:{ports.Dequeue()}\"");
        await File.WriteAllTextAsync(settingsPath, settings);

        // The kubelet expands $(POD_NAME) from the env entry (metadata.name: the pod's name).
        Assert.Equal("metadata.name", chart.WarrenContainer.Get("env").Named("POD_NAME").Get("valueFrom.fieldRef.fieldPath").GetString());
        var args = chart.WarrenContainer.Get("args").EnumerateArray()
            .Select(a => LocalPath(a.GetString()!.Replace("$(POD_NAME)", PodName, StringComparison.Ordinal), root.Path))
            .Select(a => a == PodDnsName + ":4053" ? clusterAddress : a)
            .ToList();
        Assert.Equal(["serve", "--config", settingsPath, "--cluster-listen", clusterAddress], args);

        var output = new OutputBuffer();
        using var warren = ProcessRunner.Start(DotnetHost, [Path.Combine(AppContext.BaseDirectory, "warren.dll"), .. args], output, output, ChildEnvironment());
        try
        {
            await WaitFor.ConditionAsync(
                () => warren.HasExited || output.Contains("cluster member up"),
                StartTimeout,
                $"warren to become a cluster member. Output:\n{output}");

            Assert.False(warren.HasExited, $"warren exited. Output:\n{output}");
            Assert.True(output.Contains($"cluster member up: akka.tcp://warren@{clusterAddress}"), $"unexpected cluster address. Output:\n{output}");
        }
        finally
        {
            ProcessRunner.Kill(warren);
        }
    }

    /// <summary>A listener on every interface, as the pods bind: "0.0.0.0:PORT" in the settings file.</summary>
    [GeneratedRegex("\"0\\.0\\.0\\.0:[0-9]+\"")]
    private static partial Regex WildcardListen();

    /// <summary>Every absolute path in the settings file (a JSON string starting with '/') moved under <paramref name="root"/>.</summary>
    private static string LocalPaths(string settings, string root) => settings.Replace("\"/", "\"" + root + "/", StringComparison.Ordinal);

    private static string LocalPath(string argument, string root) => argument.StartsWith('/') ? root + argument : argument;

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH under dotnet test), else dotnet on PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>No WARREN__ variable of the developer's shell reaches the pod.</summary>
    private static Dictionary<string, string?> ChildEnvironment() =>
        Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Where(name => name.StartsWith("WARREN__", StringComparison.Ordinal))
            .ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
}
