using System.Globalization;

namespace Warren.Server.Configuration;

/// <summary>
/// Reads WARREN__Section__Key variables (the configuration key with '__' for ':', keys
/// without case). A list is comma-separated text (WARREN__Transport__Ciphers=a,b) or indexed
/// variables (WARREN__Ssh__HostKeys__0, __1, ...). An unknown WARREN__ variable is an error,
/// so a typo never passes silently. Variables with one underscore (WARREN_SERVICE_HOST, as
/// Kubernetes injects) are not ours and are ignored.
/// </summary>
internal static class EnvironmentLayer
{
    public static bool TryRead(IReadOnlyDictionary<string, string> environment, out List<LayerValue> layer, out string error)
    {
        layer = new List<LayerValue>();
        error = string.Empty;
        var indexed = new Dictionary<ServeSetting, SortedDictionary<int, string>>();
        foreach (var (name, text) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(ServeOptionsLoader.EnvironmentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = name[ServeOptionsLoader.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            var setting = ServeSettings.ByKey(key);
            if (setting is not null)
            {
                layer.Add(new LayerValue(setting, name, Split(setting, text)));
                continue;
            }

            var colon = key.LastIndexOf(':');
            var listSetting = colon > 0 ? ServeSettings.ByKey(key[..colon]) : null;
            if (listSetting is not null && IsList(listSetting) && int.TryParse(key[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (!indexed.TryGetValue(listSetting, out var items))
                {
                    items = new SortedDictionary<int, string>();
                    indexed.Add(listSetting, items);
                }

                items[index] = text.Trim();
                continue;
            }

            var known = ServeSettings.All.Select(s => s.EnvironmentName);
            error = $"{name}: unknown setting{Suggestions.DidYouMean(name, known)}; see README.md (Configuration) for the keys";
            return false;
        }

        foreach (var (setting, items) in indexed)
        {
            if (layer.Any(v => v.Setting == setting))
            {
                error = $"{setting.EnvironmentName}: given both as one variable and as {setting.EnvironmentName}__N; use one form";
                return false;
            }

            layer.Add(new LayerValue(setting, setting.EnvironmentName + "__N", items.Values.ToList()));
        }

        return true;
    }

    private static bool IsList(ServeSetting setting) =>
        setting.Shape is SettingShape.Repeated or SettingShape.CommaList;

    private static List<string> Split(ServeSetting setting, string text) =>
        IsList(setting)
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
            : [text];
}
