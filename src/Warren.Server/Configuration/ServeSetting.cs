namespace Warren.Server.Configuration;

/// <summary>
/// One setting of <c>warren serve</c>: its flag, its configuration key (JSON path with ':'
/// between sections; in the environment WARREN__ plus the key with '__' for ':'), and how a
/// value is checked and stored.
/// </summary>
internal sealed class ServeSetting
{
    /// <summary>The command-line flag, e.g. "--ssh-listen".</summary>
    public required string Flag { get; init; }

    /// <summary>The value placeholder shown in usage, e.g. "HOST:PORT"; empty for switches.</summary>
    public required string Metavar { get; init; }

    /// <summary>The configuration key, e.g. "Ssh:Listen".</summary>
    public required string Key { get; init; }

    public required SettingShape Shape { get; init; }

    /// <summary>One line for usage, default included.</summary>
    public required string Help { get; init; }

    /// <summary>False for settings that make no sense inside the JSON file (the file's own path).</summary>
    public bool AllowedInFile { get; init; } = true;

    /// <summary>
    /// Checks <c>values</c> and stores them in the options; returns null on success or a
    /// problem that says how to fix it (the caller prefixes where the value came from).
    /// </summary>
    public required Func<ServeOptions, IReadOnlyList<string>, string?> Apply { get; init; }

    /// <summary>The environment variable name of this setting, e.g. WARREN__Ssh__Listen.</summary>
    public string EnvironmentName => ServeOptionsLoader.EnvironmentPrefix + Key.Replace(":", "__", StringComparison.Ordinal);
}
