using System.Collections.Concurrent;

namespace Warren.Ssh.Auth;

/// <summary>
/// The authorized keys of each user, from <c>--authorized-keys</c>: a FILE whose keys any user
/// name may use, or a DIRECTORY where user U has the keys in DIR/U. Files are re-read when their
/// last-write time or length changes, checked with one stat per file at most once per recheck
/// interval, so an edit takes effect without a restart; sessions already open keep what they were
/// granted. A missing file means no keys. An unreadable file means no keys and one report.
/// Malformed lines are reported as "file:line: what is wrong" and skipped.
/// </summary>
/// <remarks>
/// Thread-safe: lookups may come from any number of sessions at once. Only files that exist are
/// cached, so probing many user names cannot grow the cache beyond the directory's contents.
/// The mode (file or directory) is decided once, at construction: a path that is not a directory
/// then is a file, which may appear later.
/// </remarks>
public sealed class AuthorizedKeysStore
{
    /// <summary>A bigger authorized_keys file is a mistake, not a key list; it is refused with a report.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly string _path;
    private readonly bool _isDirectory;
    private readonly Action<string>? _report;
    private readonly TimeProvider _time;
    private readonly TimeSpan _recheckInterval;
    private readonly TimeZoneInfo _localZone;
    private readonly ConcurrentDictionary<string, CachedFile> _files = new(StringComparer.Ordinal);

    /// <summary>Serves the keys under <paramref name="path"/>.</summary>
    /// <param name="path">An authorized_keys file, or a directory of per-user files.</param>
    /// <param name="report">Gets one line per malformed line or unreadable file; called on the looking-up thread; may be null.</param>
    /// <param name="timeProvider">The clock for the recheck throttle; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="recheckInterval">How long a file's stat is trusted; one second when null. Zero checks on every lookup.</param>
    /// <param name="localZone">The zone of expiry times without Z; the server's local zone when null.</param>
    public AuthorizedKeysStore(
        string path,
        Action<string>? report = null,
        TimeProvider? timeProvider = null,
        TimeSpan? recheckInterval = null,
        TimeZoneInfo? localZone = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        _isDirectory = Directory.Exists(_path);
        _report = report;
        _time = timeProvider ?? TimeProvider.System;
        _recheckInterval = recheckInterval ?? TimeSpan.FromSeconds(1);
        _localZone = localZone ?? TimeZoneInfo.Local;
    }

    /// <summary>True when the store serves DIR/user files, false for one file shared by all users.</summary>
    public bool IsDirectory => _isDirectory;

    /// <summary>
    /// The entries (plain keys and cert-authority keys) <paramref name="user"/> may use, as of the
    /// last check of the file; empty for a user with no file or an unsafe name. Never throws for I/O.
    /// </summary>
    public IReadOnlyList<AuthorizedKeyEntry> ForUser(string user)
    {
        string file;
        if (_isDirectory)
        {
            if (!IsSafeFileName(user))
            {
                return [];
            }

            file = Path.Combine(_path, user);
        }
        else
        {
            file = _path;
        }

        var now = _time.GetTimestamp();
        if (_files.TryGetValue(file, out var cached))
        {
            return cached.Get(now, this);
        }

        var fresh = new CachedFile(file);
        var entries = fresh.Get(now, this);
        if (fresh.Exists)
        {
            _files.TryAdd(file, fresh);
        }

        return entries;
    }

    /// <summary>
    /// A user name is looked up as a file name only when it cannot leave the directory or name a
    /// hidden file: not empty, no leading dot, only ASCII letters, digits and <c>._-@+</c>.
    /// </summary>
    internal static bool IsSafeFileName(string? user) =>
        !string.IsNullOrEmpty(user)
        && user.Length <= 255
        && user[0] != '.'
        && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');

    private void Report(string message) => _report?.Invoke(message);

    /// <summary>One file's last parse and the stat it was made from; the lock serializes re-reads.</summary>
    private sealed class CachedFile(string path)
    {
        private readonly Lock _lock = new();
        private IReadOnlyList<AuthorizedKeyEntry> _entries = [];
        private DateTime _lastWriteUtc = DateTime.MinValue;
        private long _length = -1;
        private long _checkedAt;
        private bool _checkedOnce;
        private bool _unreadableReported;

        public bool Exists { get; private set; }

        public IReadOnlyList<AuthorizedKeyEntry> Get(long now, AuthorizedKeysStore store)
        {
            lock (_lock)
            {
                if (_checkedOnce && store._time.GetElapsedTime(_checkedAt, now) < store._recheckInterval)
                {
                    return _entries;
                }

                _checkedOnce = true;
                _checkedAt = now;
                Refresh(store);
                return _entries;
            }
        }

        private void Refresh(AuthorizedKeysStore store)
        {
            FileInfo info;
            try
            {
                info = new FileInfo(path);
                Exists = info.Exists;
                if (!Exists)
                {
                    Forget();
                    return;
                }

                if (info.LastWriteTimeUtc == _lastWriteUtc && info.Length == _length)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Unreadable(store, ex.Message);
                return;
            }

            if (info.Length > MaxFileBytes)
            {
                Unreadable(store, $"larger than {MaxFileBytes} bytes");
                return;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Unreadable(store, ex.Message);
                return;
            }

            // The stat from before the read: an edit during the read shows up at the next check.
            _lastWriteUtc = info.LastWriteTimeUtc;
            _length = info.Length;
            _unreadableReported = false;
            _entries = AuthorizedKeysParser.Parse(text, path, store._report, store._localZone);
        }

        private void Forget()
        {
            _entries = [];
            _lastWriteUtc = DateTime.MinValue;
            _length = -1;
            _unreadableReported = false;
        }

        private void Unreadable(AuthorizedKeysStore store, string why)
        {
            var wasReported = _unreadableReported;
            Forget();
            _unreadableReported = true;
            if (!wasReported)
            {
                store.Report($"{path}: cannot read: {why}; no keys from it until it can be read");
            }
        }
    }
}
