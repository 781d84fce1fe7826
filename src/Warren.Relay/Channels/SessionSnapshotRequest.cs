namespace Warren.Relay.Channels;

/// <summary>
/// A session channel asks its connection for the session as it is now (answered with
/// <see cref="SessionSnapshot"/>), so a shell greeting or an exec command shows the tunnels bound
/// since the channel opened: OpenSSH sends its tcpip-forward requests and opens the session
/// channel without waiting for the replies.
/// </summary>
public sealed record SessionSnapshotRequest
{
    public static SessionSnapshotRequest Instance { get; } = new();
}
