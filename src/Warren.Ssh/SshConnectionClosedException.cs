namespace Warren.Ssh;

/// <summary>
/// The connection ended: the peer sent SSH_MSG_DISCONNECT or closed the socket. Unlike
/// <see cref="SshProtocolException"/> nothing more is sent to the peer.
/// </summary>
public sealed class SshConnectionClosedException : Exception
{
    /// <summary>Creates the notice with the reason the peer gave (<see cref="SshDisconnectReason.None"/> if it gave none).</summary>
    public SshConnectionClosedException(SshDisconnectReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>The peer's reason code, or <see cref="SshDisconnectReason.None"/> when the socket just closed.</summary>
    public SshDisconnectReason Reason { get; }
}
