namespace Warren.Relay.Metrics;

/// <summary>Why an SSH connection ended, as the <c>reason</c> label of the closed counters says it.</summary>
public enum SessionCloseReason
{
    /// <summary>The client closed the connection or the network dropped it.</summary>
    ClientClosed,

    /// <summary>The client broke the protocol; the relay disconnected with a reason.</summary>
    ProtocolError,

    /// <summary>Too many failed authentication attempts (MaxAuthTries).</summary>
    AuthFailed,

    /// <summary>Not authenticated within LoginGraceTime.</summary>
    GraceTime,

    /// <summary>An operator disconnected it through the admin API.</summary>
    Admin,

    /// <summary>The node stopped it (shutdown, or its parent stopped).</summary>
    Shutdown,

    /// <summary>An unexpected failure inside the relay.</summary>
    Error,
}
