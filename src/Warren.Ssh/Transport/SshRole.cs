namespace Warren.Ssh.Transport;

/// <summary>Which end of the connection this transport is.</summary>
public enum SshRole
{
    /// <summary>The side that connected: verifies the host key.</summary>
    Client,

    /// <summary>The side that accepted: proves the host key.</summary>
    Server,
}
