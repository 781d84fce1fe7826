namespace Warren.Ssh;

/// <summary>
/// A transport-level fault: the connection ends with SSH_MSG_DISCONNECT carrying
/// <see cref="Reason"/> and the message as its description. Thrown once per connection, at the
/// point where the session decides to give up, never per malformed packet in a loop.
/// </summary>
public sealed class SshProtocolException : Exception
{
    /// <summary>Creates the fault with the RFC 4253 reason code the peer will see.</summary>
    public SshProtocolException(SshDisconnectReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Creates the fault from an inner failure.</summary>
    public SshProtocolException(SshDisconnectReason reason, string message, Exception inner)
        : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>The reason code sent in SSH_MSG_DISCONNECT.</summary>
    public SshDisconnectReason Reason { get; }
}
