namespace Warren.Server.Configuration;

/// <summary>
/// sshd_config RekeyLimit: "SIZE [TIME]". SIZE is bytes with an optional K/M/G/T suffix, or
/// "default" (1G). TIME is an sshd TIME FORMAT, or "none" (never rekey by time); when left
/// out it is the default, 1h. Example: "1G 1h", "512M", "default none".
/// </summary>
internal readonly record struct RekeyLimit(long Bytes, int Seconds)
{
    /// <summary>The data limit used for "default" and when nothing is configured.</summary>
    public const long DefaultBytes = 1L << 30;

    /// <summary>The time limit used when the TIME part is left out.</summary>
    public const int DefaultSeconds = 3600;

    /// <summary>
    /// The smallest data limit accepted; OpenSSH refuses smaller ones too ("rekey limit too small").
    /// </summary>
    public const long MinBytes = 16;

    /// <summary>Parses the two-part value; on failure <paramref name="problem"/> says how to fix it.</summary>
    public static bool TryParse(string text, out RekeyLimit value, out string problem)
    {
        value = default;
        problem = string.Empty;
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            problem = $"'{text}' is not SIZE [TIME]; write e.g. \"1G 1h\" or \"512M\" or \"default none\"";
            return false;
        }

        long bytes;
        if (string.Equals(parts[0], "default", StringComparison.OrdinalIgnoreCase))
        {
            bytes = DefaultBytes;
        }
        else if (!SshdSyntax.TryParseSize(parts[0], out bytes))
        {
            problem = $"size '{parts[0]}' in '{text}' is not a number with an optional K, M or G suffix; write e.g. \"1G 1h\"";
            return false;
        }
        else if (bytes < MinBytes)
        {
            problem = $"size '{parts[0]}' in '{text}' is below the minimum of {MinBytes} bytes; write e.g. \"1K\" or more";
            return false;
        }

        var seconds = DefaultSeconds;
        if (parts.Length == 2)
        {
            if (string.Equals(parts[1], "none", StringComparison.OrdinalIgnoreCase))
            {
                seconds = 0;
            }
            else if (!SshdSyntax.TryParseTime(parts[1], out seconds) || seconds == 0)
            {
                problem = $"time '{parts[1]}' in '{text}' is not a positive sshd time such as 30m, 1h or 1h30m (or 'none'); write e.g. \"1G 1h\"";
                return false;
            }
        }

        value = new RekeyLimit(bytes, seconds);
        return true;
    }
}
