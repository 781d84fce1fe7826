namespace Warren.LoadGen.Servers;

/// <summary>An SSH server the load generator measures: Warren or OpenSSH's sshd, on a loopback address.</summary>
internal interface IServerUnderTest : IDisposable
{
    /// <summary>"warren" or "sshd", as the report prints it.</summary>
    string Name { get; }

    /// <summary>The loopback address it listens on (127.0.0.1, or 127.0.0.N for cluster nodes).</summary>
    string Host { get; }

    int SshPort { get; }

    /// <summary>The user the client logs in as.</summary>
    string User { get; }

    /// <summary>The process whose tree's CPU is the server's.</summary>
    int ProcessId { get; }

    /// <summary>Bytes the server's runtime has allocated so far, or null when it cannot say.</summary>
    Task<long?> AllocatedBytesAsync();
}
