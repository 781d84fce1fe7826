using System.Text.RegularExpressions;
using Warren.Helm.Tests.Infrastructure;

namespace Warren.Helm.Tests;

/// <summary>
/// The image cannot be built here (no container engine), so these hold the Dockerfile to the
/// facts it depends on: the published assembly's name, and the user and ports the chart expects.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void Dockerfile_EntryPoint_RunsThePublishedWarrenAssembly()
    {
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Warren.Server", "Warren.Server.csproj"));

        Assert.Contains("<AssemblyName>warren</AssemblyName>", project, StringComparison.Ordinal);
        Assert.Contains("RUN dotnet publish src/Warren.Server/Warren.Server.csproj --no-restore -c Release -o /app", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/warren.dll\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("CMD [\"serve\", \"--data-dir\", \"/var/lib/warren\"]", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dockerfile_UserAndPorts_MatchTheChart()
    {
        var chart = await RenderedChart.RenderAsync("--set", "tls.enabled=true");
        var pod = chart.StatefulSet.Get("spec.template.spec.securityContext");
        var ports = chart.WarrenContainer.Get("ports");

        Assert.Contains($"USER {pod.Get("runAsUser").GetInt32()}:{pod.Get("runAsGroup").GetInt32()}", Dockerfile, StringComparison.Ordinal);
        var exposed = ExposeLine().Match(Dockerfile).Groups[1].Value.Split(' ');
        string[] published = ["ssh", "http", "https", "metrics"];
        Assert.Equal(exposed, published.Select(n => ports.Named(n).GetProperty("containerPort").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("/var/lib/warren", chart.StatefulSet.Get("spec.template.spec.containers")[0].Get("volumeMounts").ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^EXPOSE ([0-9 ]+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();
}
