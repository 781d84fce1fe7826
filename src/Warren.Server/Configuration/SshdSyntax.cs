using System.Globalization;

namespace Warren.Server.Configuration;

/// <summary>
/// The value syntaxes of sshd_config(5) that Warren's settings share: sizes with a
/// K/M/G/T suffix (powers of 1024, as OpenSSH's scan_scaled) and TIME FORMATS
/// ("90", "10m", "1h30m"; qualifiers s, m, h, d, w).
/// </summary>
internal static class SshdSyntax
{
    /// <summary>Parses "512", "64K", "1G" into bytes; false on anything else or on overflow.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var shift = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            'T' => 40,
            _ => 0,
        };
        var digits = shift == 0 ? text : text[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        if (number > long.MaxValue >> shift)
        {
            return false;
        }

        bytes = number << shift;
        return true;
    }

    /// <summary>Parses an sshd_config TIME FORMAT into seconds; false on bad syntax or overflow.</summary>
    public static bool TryParseTime(string text, out int seconds)
    {
        seconds = 0;
        if (text.Length == 0)
        {
            return false;
        }

        long total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i - start > 9)
            {
                return false;
            }

            long number = int.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            long unit = 1;
            if (i < text.Length)
            {
                unit = char.ToLowerInvariant(text[i]) switch
                {
                    's' => 1,
                    'm' => 60,
                    'h' => 3600,
                    'd' => 86400,
                    'w' => 604800,
                    _ => 0,
                };
                if (unit == 0)
                {
                    return false;
                }

                i++;
            }
            else if (start != 0)
            {
                // sshd accepts a bare number only as the whole value or with a qualifier.
                return false;
            }

            total += number * unit;
            if (total > int.MaxValue)
            {
                return false;
            }
        }

        seconds = (int)total;
        return true;
    }
}
