using System.Text;

namespace Warren.Ssh.Auth;

/// <summary>
/// Reads the text of one authorized_keys file (sshd.8 "AUTHORIZED_KEYS FILE FORMAT"): per line an
/// optional options field, the key type, the base64 key blob and an optional comment. Blank lines
/// and <c>#</c> comments are skipped. A line that is malformed in any way (unknown option, bad
/// value, key type that differs from the blob's, bad base64, truncated blob, over 8 KiB) is
/// reported through the callback as "file:line: what is wrong" and skipped; the other lines still
/// count. Never throws on any input; pure and thread-safe.
/// </summary>
internal static class AuthorizedKeysParser
{
    /// <summary>sshd reads authorized_keys lines into a buffer of this size.</summary>
    public const int MaxLineBytes = 8 * 1024;

    private const string CertificateSuffix = "-cert-v01@openssh.com";

    /// <summary>Parses every line of <paramref name="text"/>.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="sourceName">The file name, used in "file:line" of entries and reports.</param>
    /// <param name="onMalformed">Gets one message per malformed line; may be null.</param>
    /// <param name="localZone">The zone for expiry times without Z; the server's local zone when null.</param>
    public static IReadOnlyList<AuthorizedKeyEntry> Parse(string text, string sourceName, Action<string>? onMalformed, TimeZoneInfo? localZone = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        localZone ??= TimeZoneInfo.Local;
        var entries = new List<AuthorizedKeyEntry>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var source = $"{sourceName}:{lineNumber}";
            if (!TryParseLine(rawLine, source, localZone, out var entry, out var error))
            {
                onMalformed?.Invoke($"{source}: {error}");
            }
            else if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// Parses one line. True with a null entry for a blank or comment line; false with a reason
    /// for a malformed one.
    /// </summary>
    public static bool TryParseLine(string line, string source, TimeZoneInfo localZone, out AuthorizedKeyEntry? entry, out string error)
    {
        entry = null;
        error = string.Empty;
        if (line.Length > MaxLineBytes || Encoding.UTF8.GetByteCount(line) > MaxLineBytes)
        {
            error = $"line longer than {MaxLineBytes} bytes";
            return false;
        }

        var position = 0;
        SkipBlanks(line, ref position);
        if (position == line.Length || line[position] == '#' || line.AsSpan(position).TrimEnd('\r').IsEmpty)
        {
            return true;
        }

        if (!TryReadToken(line, ref position, out var first))
        {
            error = "unterminated quote in the options field";
            return false;
        }

        var options = AuthorizedKeyOptions.None;
        string keyType;
        if (KeyBlobShape.SupportedKeyTypes.Contains(first))
        {
            keyType = first;
        }
        else if (LooksLikeKeyType(first))
        {
            error = DescribeUnsupported(first);
            return false;
        }
        else
        {
            if (!AuthorizedKeyOptions.TryParse(first, localZone, out options, out error))
            {
                return false;
            }

            SkipBlanks(line, ref position);
            if (!TryReadToken(line, ref position, out keyType) || keyType.Length == 0)
            {
                error = "no key after the options";
                return false;
            }

            if (!KeyBlobShape.SupportedKeyTypes.Contains(keyType))
            {
                error = DescribeUnsupported(keyType);
                return false;
            }
        }

        SkipBlanks(line, ref position);
        if (!TryReadToken(line, ref position, out var base64) || base64.Length == 0)
        {
            error = $"no key blob after {keyType}";
            return false;
        }

        if (!TryDecodeBase64(base64, out var blob))
        {
            error = "key blob is not valid base64";
            return false;
        }

        if (!KeyBlobShape.TryCheck(blob, out var blobType, out var blobError))
        {
            error = blobError;
            return false;
        }

        if (blobType != keyType)
        {
            error = $"key type {keyType} does not match the blob's type {blobType}";
            return false;
        }

        entry = new AuthorizedKeyEntry(
            keyType,
            blob,
            options.CertAuthority,
            options.Principals,
            options.From,
            options.Expiry,
            new KeyPermissions
            {
                PortForwarding = options.PortForwarding,
                PermitOpen = options.PermitOpen,
                PermitListen = options.PermitListen,
                ForceCommand = options.Command,
                Source = source,
            },
            options.NoTouchRequired,
            options.VerifyRequired,
            source);
        return true;
    }

    private static void SkipBlanks(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t')
        {
            position++;
        }
    }

    /// <summary>Reads up to the next space or tab outside double quotes (auth2-pubkeyfile.c skips options this way).</summary>
    private static bool TryReadToken(string line, ref int position, out string token)
    {
        var start = position;
        var quoted = false;
        while (position < line.Length)
        {
            var c = line[position];
            if (!quoted && c is ' ' or '\t')
            {
                break;
            }

            if (c == '\\' && quoted && position + 1 < line.Length && line[position + 1] == '"')
            {
                position += 2;
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            position++;
        }

        token = line[start..position].TrimEnd('\r');
        return !quoted;
    }

    private static bool LooksLikeKeyType(string token) =>
        !token.Contains('=', StringComparison.Ordinal)
        && (token.StartsWith("ssh-", StringComparison.Ordinal) || token.StartsWith("ecdsa-", StringComparison.Ordinal)
            || token.StartsWith("sk-", StringComparison.Ordinal) || token.EndsWith(CertificateSuffix, StringComparison.Ordinal));

    private static string DescribeUnsupported(string keyType)
    {
        var shown = keyType.Length <= 64 ? keyType : keyType[..64] + "...";
        return keyType.EndsWith(CertificateSuffix, StringComparison.Ordinal)
            ? $"a certificate ({shown}) cannot be listed; list its CA's key with cert-authority"
            : $"unsupported key type \"{shown}\"";
    }

    private static bool TryDecodeBase64(string text, out byte[] blob)
    {
        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            blob = [];
            return false;
        }

        blob = buffer[..written];
        return true;
    }
}
