namespace Warren.Ssh.Auth;

/// <summary>
/// One <c>type base64 [comment]</c> line as in a <c>.pub</c> file, TrustedUserCAKeys or RevokedKeys.
/// The blob's own type must equal the line's type and the blob must be well formed.
/// </summary>
internal static class PublicKeyLine
{
    /// <summary>sshd's authorized_keys line limit (sshd.8: 8 KiB); a 16384-bit RSA key line fits twice over.</summary>
    public const int MaxLineLength = 16 * 1024;

    private static readonly char[] Separators = [' ', '\t'];

    /// <summary>
    /// Parses a key line into its type and blob. Certificates are accepted when
    /// <paramref name="allowCertificate"/> is set; <paramref name="error"/> says why not otherwise.
    /// </summary>
    public static bool TryParse(string line, bool allowCertificate, out string keyType, out byte[] blob, out string error)
    {
        keyType = string.Empty;
        blob = [];
        if (line.Length > MaxLineLength)
        {
            error = "line too long";
            return false;
        }

        var fields = line.Trim().Split(Separators, 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            error = "expected 'type base64-key [comment]'";
            return false;
        }

        var buffer = new byte[(fields[1].Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(fields[1], buffer, out var written))
        {
            error = "the key is not valid base64";
            return false;
        }

        blob = buffer[..written];
        if (!PlainKeyBlob.TryReadType(blob, out var blobType) || blobType != fields[0])
        {
            error = $"the key's type does not match '{fields[0]}'";
            return false;
        }

        keyType = blobType;
        var wellFormed = PlainKeyBlob.IsKnownType(keyType)
            ? PlainKeyBlob.IsWellFormed(blob)
            : allowCertificate && OpenSshCertificate.TryParse(blob, out _);
        if (!wellFormed)
        {
            error = $"not a well-formed {keyType} key";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
