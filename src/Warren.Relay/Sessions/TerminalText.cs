namespace Warren.Relay.Sessions;

/// <summary>
/// With a pty the client puts its terminal in raw mode, and the relay has no line discipline to
/// turn "\n" into "\r\n" (a real sshd's tty does that, ONLCR); without the CR each line starts
/// where the last one ended. Exec output without a pty keeps plain "\n" for scripts.
/// </summary>
internal static class TerminalText
{
    /// <summary>Turns each "\n" not already after "\r" into "\r\n".</summary>
    public static string ForPty(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
    }
}
