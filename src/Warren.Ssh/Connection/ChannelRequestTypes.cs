namespace Warren.Ssh.Connection;

/// <summary>Channel request types of RFC 4254 §6 and OpenSSH PROTOCOL §2.1, §2.3.</summary>
public static class ChannelRequestTypes
{
    /// <summary>RFC 4254 §6.2: allocate a pseudo-terminal; data is <see cref="PtyRequest"/>.</summary>
    public const string PtyReq = "pty-req";

    /// <summary>RFC 4254 §6.5: start the user's shell; no data.</summary>
    public const string Shell = "shell";

    /// <summary>RFC 4254 §6.5: run a command; data is <see cref="ExecRequest"/>.</summary>
    public const string Exec = "exec";

    /// <summary>RFC 4254 §6.4: set an environment variable; data is <see cref="EnvRequest"/>.</summary>
    public const string Env = "env";

    /// <summary>RFC 4254 §6.5: start a subsystem such as sftp; data is <see cref="SubsystemRequest"/>.</summary>
    public const string Subsystem = "subsystem";

    /// <summary>RFC 4254 §6.7: the terminal was resized; data is <see cref="WindowChangeRequest"/>, never want reply.</summary>
    public const string WindowChange = "window-change";

    /// <summary>RFC 4254 §6.10: the command's exit code; data is <see cref="ExitStatus"/>, never want reply.</summary>
    public const string ExitStatus = "exit-status";

    /// <summary>
    /// A liveness probe with no data (sshd ClientAliveInterval sends it on an open channel). Nobody
    /// implements it; the answer is CHANNEL_FAILURE and any answer means alive.
    /// </summary>
    public const string KeepAlive = "keepalive@openssh.com";

    /// <summary>
    /// OpenSSH PROTOCOL §2.1: end of write, the half-close of the other direction; no data. OpenSSH
    /// sends it only to peers whose banner says OpenSSH.
    /// </summary>
    public const string EndOfWrite = "eow@openssh.com";
}
