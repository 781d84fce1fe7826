namespace Warren.Relay.Node;

/// <summary>
/// To <see cref="NodeGuardian"/> when a drain begins: stop the SSH listener, so no new session
/// arrives while the visitor streams of the existing ones finish.
/// </summary>
public sealed record StopAccepting
{
    public static StopAccepting Instance { get; } = new();
}
