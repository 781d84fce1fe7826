namespace Warren.Relay.Sessions;

/// <summary>The commands a session answers to (<c>ssh relay COMMAND</c>).</summary>
internal enum ExecCommand
{
    /// <summary>Not a command here: answer with <see cref="SessionRequestRefusals.NoShell"/>.</summary>
    Unknown,

    /// <summary>How to use the relay.</summary>
    Help,

    /// <summary>This account's tunnels, over all its sessions (the caller asks the account entity).</summary>
    Tunnels,

    /// <summary>This session: account, client, counts against limits.</summary>
    Status,
}
