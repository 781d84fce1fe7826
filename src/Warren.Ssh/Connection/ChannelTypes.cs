namespace Warren.Ssh.Connection;

/// <summary>Channel types of RFC 4254 §6.1, §7.2 and OpenSSH PROTOCOL §2.4.</summary>
public static class ChannelTypes
{
    /// <summary>An interactive session (RFC 4254 §6.1); it has no type-specific open data.</summary>
    public const string Session = "session";

    /// <summary>Client to server: connect somewhere (<c>ssh -L</c>, <c>-W</c>, <c>-D</c>); data is <see cref="DirectTcpip"/>.</summary>
    public const string DirectTcpip = "direct-tcpip";

    /// <summary>Server to client: a connection arrived on a remote forward; data is <see cref="ForwardedTcpip"/>.</summary>
    public const string ForwardedTcpip = "forwarded-tcpip";

    /// <summary>Client to server: connect to a Unix socket path; data is <see cref="DirectStreamLocal"/>.</summary>
    public const string DirectStreamLocal = "direct-streamlocal@openssh.com";

    /// <summary>Server to client: a connection arrived on a Unix-socket remote forward; data is <see cref="ForwardedStreamLocal"/>.</summary>
    public const string ForwardedStreamLocal = "forwarded-streamlocal@openssh.com";
}
