namespace Warren.Ssh.Connection;

/// <summary>Global request names (RFC 4254 §7.1, OpenSSH PROTOCOL §2) that Warren reads or sends.</summary>
public static class GlobalRequestNames
{
    /// <summary>Remote forwarding (<c>ssh -R</c>), RFC 4254 §7.1; data is <see cref="TcpipForwardRequest"/>.</summary>
    public const string TcpipForward = "tcpip-forward";

    /// <summary>Cancels a remote forwarding, RFC 4254 §7.1; data is <see cref="TcpipForwardRequest"/>.</summary>
    public const string CancelTcpipForward = "cancel-tcpip-forward";

    /// <summary>
    /// A liveness probe (sshd ClientAliveInterval, ssh ServerAliveInterval) with no data. Nobody
    /// implements it: the answer is REQUEST_FAILURE, and any answer means the peer is alive.
    /// </summary>
    public const string KeepAlive = "keepalive@openssh.com";

    /// <summary>OpenSSH PROTOCOL §2.2: no further <c>session</c> channels on this connection; no data.</summary>
    public const string NoMoreSessions = "no-more-sessions@openssh.com";

    /// <summary>OpenSSH PROTOCOL §2.4: Unix-socket remote forwarding; data is <see cref="StreamLocalForwardRequest"/>.</summary>
    public const string StreamLocalForward = "streamlocal-forward@openssh.com";

    /// <summary>OpenSSH PROTOCOL §2.4: cancels a Unix-socket remote forwarding.</summary>
    public const string CancelStreamLocalForward = "cancel-streamlocal-forward@openssh.com";
}
