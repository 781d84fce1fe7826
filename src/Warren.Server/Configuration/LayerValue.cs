namespace Warren.Server.Configuration;

/// <summary>
/// The raw value(s) one layer gives one setting. <see cref="Source"/> names where it came
/// from ("--ssh-listen", "WARREN__Ssh__Listen", "settings.json: Ssh:Listen") for error messages.
/// </summary>
internal sealed record LayerValue(ServeSetting Setting, string Source, IReadOnlyList<string> Values);
