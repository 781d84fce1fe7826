using System.Text.Json;

namespace Warren.Helm.Tests.Infrastructure;

/// <summary>The absolute paths a rendered settings file names (host keys, HOCON, secrets, the data directory).</summary>
internal static class SettingsPaths
{
    public static IEnumerable<string> All(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => All(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(All),
        JsonValueKind.String when element.GetString()!.StartsWith('/') => [element.GetString()!],
        _ => [],
    };
}
