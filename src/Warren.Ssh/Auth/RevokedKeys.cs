using System.Text;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Auth;

/// <summary>
/// sshd's RevokedKeys as a text file: one revoked key per line, either a public key line
/// (<c>type base64 [comment]</c>; a certificate line revokes the key it certifies) or a
/// <c>SHA256:</c> fingerprint as <c>ssh-keygen -l</c> prints it; <c>#</c> comments and blank lines
/// skipped. Binary KRLs are not supported. The file is read again when its modification time or
/// size changes, checked at most once per second. If it later becomes unreadable, every key counts
/// as revoked until it is readable again (sshd fails closed the same way). Thread-safe.
/// </summary>
public sealed class RevokedKeys
{
    private const int MaxFileBytes = 16 << 20;
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Action<string>? _warning;
    private readonly object _reloadLock = new();
    private volatile Snapshot _snapshot;
    private long _lastCheck;

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The revoked keys file.</param>
    /// <param name="timeProvider">Clock for the once-a-second re-check; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="warning">Receives <c>file:line: why</c> for each malformed (skipped) line, and reload failures.</param>
    /// <exception cref="FileNotFoundException">The file does not exist: the operator asked for it, so start-up must fail.</exception>
    /// <exception cref="NotSupportedException">The file is a binary KRL.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public RevokedKeys(string path, TimeProvider? timeProvider = null, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
        _time = timeProvider ?? TimeProvider.System;
        _warning = warning;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The revoked keys file {path} does not exist; create it (it may be empty) or drop the RevokedKeys setting.", path);
        }

        _snapshot = Read(throwOnError: true);
        _lastCheck = _time.GetTimestamp();
    }

    /// <summary>Number of revoked keys in the current file; 0 while it is unreadable.</summary>
    public int Count => _snapshot.Fingerprints?.Count ?? 0;

    /// <summary>
    /// True when the plain public key blob (for a certificate: the certified key or the CA key)
    /// is listed, or when the file has become unreadable.
    /// </summary>
    public bool IsRevoked(ReadOnlySpan<byte> plainKeyBlob)
    {
        var snapshot = CurrentSnapshot();
        return snapshot.Fingerprints is not { } fingerprints || fingerprints.Contains(KeyFile.Fingerprint(plainKeyBlob));
    }

    private Snapshot CurrentSnapshot()
    {
        var last = Interlocked.Read(ref _lastCheck);
        if (_time.GetElapsedTime(last) < RecheckInterval || Interlocked.CompareExchange(ref _lastCheck, _time.GetTimestamp(), last) != last)
        {
            return _snapshot;
        }

        lock (_reloadLock)
        {
            var current = _snapshot;
            var info = new FileInfo(_path);
            if (info.Exists && current.Fingerprints is not null && info.LastWriteTimeUtc == current.WriteTime && info.Length == current.Length)
            {
                return current;
            }

            _snapshot = Read(throwOnError: false);
            return _snapshot;
        }
    }

    private Snapshot Read(bool throwOnError)
    {
        try
        {
            var info = new FileInfo(_path);
            if (info.Length > MaxFileBytes)
            {
                throw new InvalidDataException($"The revoked keys file {_path} is {info.Length} bytes; that is not a key list.");
            }

            var bytes = File.ReadAllBytes(_path);
            if (bytes.AsSpan().StartsWith("SSHKRL\n"u8))
            {
                throw new NotSupportedException($"The revoked keys file {_path} is a binary KRL; list public keys or SHA256: fingerprints one a line instead.");
            }

            return new Snapshot(Parse(Encoding.UTF8.GetString(bytes)), info.LastWriteTimeUtc, bytes.Length);
        }
        catch (Exception ex) when (!throwOnError && ex is IOException or UnauthorizedAccessException or NotSupportedException or InvalidDataException)
        {
            _warning?.Invoke($"{_path}: {ex.Message}; every key is refused until the file can be read");
            return new Snapshot(null, default, -1);
        }
    }

    private HashSet<string> Parse(string text)
    {
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("SHA256:", StringComparison.Ordinal))
            {
                if (TryNormalizeFingerprint(line, out var fingerprint))
                {
                    fingerprints.Add(fingerprint);
                }
                else
                {
                    _warning?.Invoke($"{_path}:{number}: not a SHA256 fingerprint (SHA256: and 43 base64 characters); line skipped");
                }

                continue;
            }

            if (!PublicKeyLine.TryParse(line, allowCertificate: true, out var keyType, out var blob, out var error))
            {
                _warning?.Invoke($"{_path}:{number}: {error}; line skipped");
                continue;
            }

            // A listed certificate revokes the key it certifies (sshd compares public parts, strict_type=0).
            if (!PlainKeyBlob.IsKnownType(keyType) && OpenSshCertificate.TryParse(blob, out var certificate))
            {
                blob = certificate!.PublicKeyBlob;
            }

            fingerprints.Add(KeyFile.Fingerprint(blob));
        }

        return fingerprints;
    }

    /// <summary>Accepts <c>SHA256:</c> plus unpadded (or padded) base64 of 32 bytes, with an optional trailing comment.</summary>
    private static bool TryNormalizeFingerprint(string line, out string fingerprint)
    {
        fingerprint = string.Empty;
        var token = line.Split([' ', '\t'], 2)[0]["SHA256:".Length..].TrimEnd('=');
        if (token.Length != 43)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[33];
        if (!Convert.TryFromBase64String(token + "=", hash, out var written) || written != 32)
        {
            return false;
        }

        fingerprint = "SHA256:" + Convert.ToBase64String(hash[..32]).TrimEnd('=');
        return true;
    }

    /// <summary>One read of the file; <see cref="Fingerprints"/> null when it could not be read.</summary>
    private sealed record Snapshot(HashSet<string>? Fingerprints, DateTime WriteTime, long Length);
}
