namespace Warren.Server.Configuration;

/// <summary>
/// Builds <see cref="ServeOptions"/> from four layers, lowest to highest: built-in defaults,
/// the JSON file (--config FILE, or WARREN__Config), environment variables
/// (WARREN__Section__Key), command-line flags. A higher layer replaces a setting whole
/// (a list from the flags replaces the file's list). Only the winning value of each setting
/// is checked; unknown flags, keys and variables are always errors. The keys are listed in
/// <see cref="ServeSettings"/> and README.md.
/// </summary>
internal static class ServeOptionsLoader
{
    public const string EnvironmentPrefix = "WARREN__";

    /// <summary>
    /// Loads the options; on failure <paramref name="error"/> is one line that names the flag,
    /// variable or file key and says how to fix it.
    /// </summary>
    public static bool TryLoad(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        out ServeOptions options,
        out string error)
    {
        options = new ServeOptions();
        if (!CommandLineLayer.TryRead(args, out var flagLayer, out error)
            || !EnvironmentLayer.TryRead(environment, out var environmentLayer, out error))
        {
            return false;
        }

        // The file's own path comes from the flags or the environment, never from the file.
        var configValue = flagLayer.Concat(environmentLayer).FirstOrDefault(v => v.Setting.Key == "Config");
        var fileLayer = new List<LayerValue>();
        if (configValue is not null)
        {
            if (configValue.Setting.Apply(options, configValue.Values) is { } problem)
            {
                error = $"{configValue.Source}: {problem}";
                return false;
            }

            if (!JsonFileLayer.TryRead(options.ConfigFile!, configValue.Source, out fileLayer, out error))
            {
                return false;
            }
        }

        var winners = new Dictionary<ServeSetting, LayerValue>();
        foreach (var value in fileLayer.Concat(environmentLayer).Concat(flagLayer))
        {
            winners[value.Setting] = value;
        }

        // Apply in table order so that errors come in a stable order.
        foreach (var setting in ServeSettings.All)
        {
            if (winners.TryGetValue(setting, out var value) && setting.Apply(options, value.Values) is { } problem)
            {
                error = $"{value.Source}: {problem}";
                return false;
            }
        }

        if (!winners.ContainsKey(ServeSettings.ByKey("DataDir")!))
        {
            options.DataDir = Path.GetFullPath(ServeOptions.DefaultDataDir);
        }

        return true;
    }

    /// <summary>The process environment as the loader takes it.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
