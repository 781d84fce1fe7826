using Warren.Ssh.Keys;

namespace Warren.Ssh.Auth;

/// <summary>
/// The CA keys of sshd's TrustedUserCAKeys (sshd_config.5): certificates they sign are accepted
/// for any user named in the certificate's principals. Immutable and thread-safe once built.
/// </summary>
public sealed class TrustedUserCaKeys
{
    private readonly HashSet<string> _keys;

    /// <summary>Trusts exactly the given plain public key blobs (ssh-ed25519, ecdsa-sha2-*, ssh-rsa, sk-*).</summary>
    /// <exception cref="ArgumentException">A blob is not a well-formed plain public key.</exception>
    public TrustedUserCaKeys(IEnumerable<byte[]> publicKeyBlobs)
    {
        ArgumentNullException.ThrowIfNull(publicKeyBlobs);
        _keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var blob in publicKeyBlobs)
        {
            if (blob is null || !PlainKeyBlob.IsWellFormed(blob))
            {
                throw new ArgumentException("A trusted CA key must be a plain ssh-ed25519, ecdsa-sha2-*, ssh-rsa or sk-* public key blob.", nameof(publicKeyBlobs));
            }

            _keys.Add(Convert.ToBase64String(blob));
        }
    }

    /// <summary>No trusted CA: every certificate is refused unless an authorized_keys cert-authority line vouches for it.</summary>
    public static TrustedUserCaKeys None { get; } = new([]);

    /// <summary>Number of CA keys.</summary>
    public int Count => _keys.Count;

    /// <summary>
    /// Reads a TrustedUserCAKeys file: one public key line per key (<c>type base64 [comment]</c>);
    /// <c>#</c> comments and blank lines skipped. A malformed line is reported through
    /// <paramref name="warning"/> (as <c>file:line: why</c>) and skipped, as sshd does.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the operator named it, so this is a configuration error).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TrustedUserCaKeys Load(string path, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The trusted user CA keys file {path} does not exist; create it or drop --trusted-user-ca-keys.", path);
        }

        var keys = new List<byte[]>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (!PublicKeyLine.TryParse(line, allowCertificate: false, out _, out var blob, out var error))
            {
                warning?.Invoke($"{path}:{number}: {error}; line skipped");
                continue;
            }

            keys.Add(blob);
        }

        return new TrustedUserCaKeys(keys);
    }

    /// <summary>True when <paramref name="publicKeyBlob"/> is exactly one of the trusted keys.</summary>
    public bool Contains(ReadOnlySpan<byte> publicKeyBlob) =>
        _keys.Count != 0 && _keys.Contains(Convert.ToBase64String(publicKeyBlob));

    /// <summary>The fingerprints of the keys, for the start-up log.</summary>
    public IEnumerable<string> Fingerprints() =>
        _keys.Select(k => KeyFile.Fingerprint(Convert.FromBase64String(k)));
}
