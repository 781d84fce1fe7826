namespace Warren.Relay.Sessions;

/// <summary>
/// A <see cref="SessionEvents"/> line for the session's shell, if one is open: the connection
/// tells it to every channel, and only an interactive shell channel prints it.
/// </summary>
public sealed record SessionEventLine(string Text);
