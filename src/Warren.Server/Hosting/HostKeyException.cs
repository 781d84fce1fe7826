namespace Warren.Server.Hosting;

/// <summary>A host key that cannot be found or read; the message says which file and what to do.</summary>
internal sealed class HostKeyException(string message) : Exception(message);
