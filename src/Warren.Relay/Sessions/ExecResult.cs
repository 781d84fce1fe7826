namespace Warren.Relay.Sessions;

/// <summary>
/// The answer to an exec request: write <see cref="Stdout"/> as CHANNEL_DATA,
/// <see cref="Stderr"/> as CHANNEL_EXTENDED_DATA (type 1), send exit-status, then EOF and close
/// (RFC 4254 §6.10).
/// </summary>
/// <param name="Stdout">Output for people or, with --json, one JSON document and a newline.</param>
/// <param name="Stderr">Errors and refusals.</param>
/// <param name="ExitStatus">0 on success, 2 for a usage error, 127 for an unknown command (as a shell would).</param>
internal sealed record ExecResult(string Stdout, string Stderr, int ExitStatus)
{
    /// <summary>Exit status for a usage error.</summary>
    public const int UsageError = 2;

    /// <summary>Exit status for a command that does not exist, as sh uses.</summary>
    public const int NotFound = 127;
}
