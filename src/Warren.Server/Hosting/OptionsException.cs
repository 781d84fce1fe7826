namespace Warren.Server.Hosting;

/// <summary>An option that parsed but cannot be used; the message names the flag and the fix.</summary>
internal sealed class OptionsException(string message) : Exception(message);
