using System.Text.Json;

namespace Warren.Server.Configuration;

/// <summary>
/// Reads the JSON settings file. Sections are objects; keys compare without case; comments
/// and trailing commas are allowed. A list is a JSON array (or comma-separated text); a
/// number or true/false may stand for its text. null means "not set here". Unknown keys are
/// errors, so a typo never passes silently. Example:
/// <code>
/// { "DataDir": "/var/lib/warren",
///   "Ssh": { "Listen": "0.0.0.0:22", "HostKeys": ["/etc/warren/host_ed25519"] },
///   "Transport": { "RekeyLimit": "1G 1h", "Ciphers": ["aes256-gcm@openssh.com"] } }
/// </code>
/// </summary>
internal static class JsonFileLayer
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    public static bool TryRead(string path, string origin, out List<LayerValue> layer, out string error)
    {
        layer = new List<LayerValue>();
        error = string.Empty;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{origin}: cannot read '{path}' ({e.Message}); give a readable JSON file";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{path}: the top level is not a JSON object; write e.g. {{ \"Ssh\": {{ \"Listen\": \"0.0.0.0:2222\" }} }}";
                return false;
            }

            return TryReadObject(path, document.RootElement, string.Empty, layer, out error);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd('.');
            error = $"{path}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} ({reason}); fix the file";
            return false;
        }
    }

    private static bool TryReadObject(string path, JsonElement element, string prefix, List<LayerValue> layer, out string error)
    {
        error = string.Empty;
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            var source = $"{path}: {key}";
            var setting = ServeSettings.ByKey(key);
            if (setting is null)
            {
                if (property.Value.ValueKind == JsonValueKind.Object && ServeSettings.IsSection(key))
                {
                    if (!TryReadObject(path, property.Value, key + ":", layer, out error))
                    {
                        return false;
                    }

                    continue;
                }

                if (ServeSettings.IsSection(key))
                {
                    var first = ServeSettings.All.First(s => s.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
                    error = $"{source}: is a section, not a value; write an object, e.g. \"{property.Name}\": {{ \"{first.Key[(key.Length + 1)..]}\": ... }}";
                    return false;
                }

                var known = ServeSettings.All.Where(s => s.AllowedInFile).Select(s => s.Key);
                error = $"{source}: unknown key{Suggestions.DidYouMean(key, known)}; see README.md (Configuration) for the keys";
                return false;
            }

            if (!setting.AllowedInFile)
            {
                error = $"{source}: cannot be set inside the file; use {setting.Flag} or {setting.EnvironmentName}";
                return false;
            }

            if (layer.Any(v => v.Setting == setting))
            {
                error = $"{source}: given more than once (keys compare without case); keep one";
                return false;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!TryValues(setting, property.Value, out var values, out var problem))
            {
                error = $"{source}: {problem}";
                return false;
            }

            layer.Add(new LayerValue(setting, source, values));
        }

        return true;
    }

    private static bool TryValues(ServeSetting setting, JsonElement value, out List<string> values, out string problem)
    {
        values = new List<string>();
        problem = string.Empty;
        var isList = setting.Shape is SettingShape.Repeated or SettingShape.CommaList;
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (!isList)
            {
                problem = "expects a single value, not a list; write one value";
                return false;
            }

            foreach (var item in value.EnumerateArray())
            {
                if (!TryScalar(item, out var text))
                {
                    problem = "list items must be strings; write e.g. [\"a\", \"b\"]";
                    return false;
                }

                values.Add(text);
            }

            return true;
        }

        if (!TryScalar(value, out var single))
        {
            problem = isList ? "expects a list; write e.g. [\"a\", \"b\"]" : "expects a value, not an object; write a string, number or true/false";
            return false;
        }

        values.AddRange(isList ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [single]);
        return true;
    }

    private static bool TryScalar(JsonElement element, out string text)
    {
        text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() ?? string.Empty,
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => string.Empty,
        };
        return element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
    }
}
