namespace Warren.Relay.Sessions;

/// <summary>
/// Polite texts for the session-channel requests a forwarding relay refuses. CHANNEL_FAILURE
/// carries no text (RFC 4254 §5.4), so the session writes these to the channel's stderr
/// (extended data 1) before failing the request; null means refuse silently.
/// </summary>
internal static class SessionRequestRefusals
{
    /// <summary>For an exec command that is not help, tunnels or status (and shells under a forced command).</summary>
    public const string NoShell = "warren: this relay has no shell; try `help`\n";

    /// <summary>The text for a refused request, or null to refuse without a word.</summary>
    /// <param name="requestType">The channel request type as sent.</param>
    /// <param name="argument">The subsystem name for <c>subsystem</c>; otherwise ignored.</param>
    public static string? TextFor(string requestType, string? argument = null) => requestType switch
    {
        "subsystem" => $"warren: no subsystem '{ShellGreeting.Shown(argument ?? string.Empty)}' here; this relay only forwards ports (try `help`)\n",
        "x11-req" => "warren: X11 forwarding is not offered by this relay\n",
        "auth-agent-req@openssh.com" => "warren: agent forwarding is not offered by this relay\n",

        // OpenSSH sends LANG and LC_* (SendEnv) on every login; a line for each would be noise.
        "env" => null,
        _ => null,
    };
}
