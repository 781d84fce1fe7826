namespace Warren.Relay.Sessions;

/// <summary>
/// A parsed exec command line. Parse first so the session knows what to gather (only
/// <see cref="ExecCommand.Tunnels"/> and <see cref="ExecCommand.Status"/> need the account's
/// numbers), then render with <see cref="ExecCommands.Run"/>.
/// </summary>
/// <param name="Command">What was asked.</param>
/// <param name="Json">True with <c>--json</c>: answer in JSON for scripts.</param>
/// <param name="Text">The command line as sent, trimmed and made printable (for messages and logs).</param>
/// <param name="Problem">A usage error (an unknown option), or null.</param>
internal sealed record ExecRequest(ExecCommand Command, bool Json, string Text, string? Problem)
{
    /// <summary>True when <see cref="Run"/> needs the account's tunnels and session count.</summary>
    public bool NeedsAccount => Problem is null && Command is ExecCommand.Tunnels or ExecCommand.Status;
}
