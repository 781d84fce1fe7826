using System.Text.Json;

namespace Warren.Helm.Tests.Infrastructure;

/// <summary>Dotted-path look-ups in rendered objects ("spec.template.spec"), failing with the path that was missing.</summary>
internal static class JsonPath
{
    public static JsonElement Get(this JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            Assert.True(
                current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out current),
                $"no '{part}' in '{path}'");
        }

        return current;
    }

    public static bool Has(this JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The element of an array of objects whose "name" is <paramref name="name"/>.</summary>
    public static JsonElement Named(this JsonElement array, string name)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.TryGetProperty("name", out var n) && n.GetString() == name)
            {
                return item;
            }
        }

        Assert.Fail($"no item named '{name}' in {array}");
        return default;
    }
}
