using System.Text.Json;

namespace Warren.Helm.Tests.Infrastructure;

/// <summary>
/// The objects helm template made, each checked against its schema on the way in (a render
/// with an invalid object fails here), as JSON to look inside.
/// </summary>
internal sealed class RenderedChart
{
    private RenderedChart(IReadOnlyList<JsonElement> objects)
    {
        Objects = objects;
    }

    public IReadOnlyList<JsonElement> Objects { get; }

    public static Task<RenderedChart> RenderAsync(params string[] helmArguments) => RenderChartAsync(RepoPaths.Chart, helmArguments);

    public static async Task<RenderedChart> RenderChartAsync(string chart, params string[] helmArguments)
    {
        var template = await HelmChart.TemplateChartAsync(chart, helmArguments);
        Assert.True(template.ExitCode == 0, $"helm template failed: {template}");
        var validated = await ManifestValidator.ValidateAsync(template.Stdout, asJson: true);
        Assert.True(validated.ExitCode == 0, $"rendered objects are not valid Kubernetes objects: {validated}");
        using var document = JsonDocument.Parse(validated.Stdout);
        return new RenderedChart([.. document.RootElement.EnumerateArray().Select(o => o.Clone())]);
    }

    public IEnumerable<JsonElement> OfKind(string kind) => Objects.Where(o => o.GetProperty("kind").GetString() == kind);

    public JsonElement Single(string kind, string name)
    {
        var matches = OfKind(kind).Where(o => Name(o) == name).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind} {name}, found {matches.Count}; objects: {string.Join(", ", Objects.Select(Describe))}");
        return matches[0];
    }

    public JsonElement StatefulSet => Single("StatefulSet", "relay-warren");

    public JsonElement WarrenContainer => StatefulSet.Get("spec.template.spec.containers")[0];

    /// <summary>One file of a ConfigMap (keys hold dots, so not a dotted path).</summary>
    public string ConfigMapText(string name, string key) => Single("ConfigMap", name).Get("data").GetProperty(key).GetString()!;

    /// <summary>A JSON file of a ConfigMap, parsed.</summary>
    public JsonElement ConfigMapData(string name, string key) => JsonDocument.Parse(ConfigMapText(name, key)).RootElement.Clone();

    public static string Name(JsonElement o) => o.Get("metadata.name").GetString()!;

    public static string Describe(JsonElement o) => $"{o.GetProperty("kind").GetString()}/{Name(o)}";
}
