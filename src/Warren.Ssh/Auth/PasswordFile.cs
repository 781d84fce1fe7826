using System.Globalization;
using System.Security.Cryptography;

namespace Warren.Ssh.Auth;

/// <summary>
/// A password file: lines <c>user:$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c> (see
/// <see cref="PasswordHasher"/>), blank lines and <c># comments</c>. Malformed lines (and a user
/// listed twice: the first line wins) are reported as "file:line: reason" and skipped.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Verify"/> may run on many connections at once. The file is re-read
/// when its modification time or size changes, checked at most once per second (by the given
/// <see cref="TimeProvider"/>), so an operator's edit takes effect without a restart. A file that
/// cannot be re-read accepts no password until it can be (reported once per change).
/// </remarks>
public sealed class PasswordFile
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly Action<string> _malformedLine;
    private readonly TimeProvider _time;
    private readonly Lock _reloading = new();
    private volatile Snapshot _snapshot;
    private long _lastCheck;

    private PasswordFile(string path, Action<string> malformedLine, TimeProvider time, Snapshot snapshot)
    {
        Path = path;
        _malformedLine = malformedLine;
        _time = time;
        _snapshot = snapshot;
        _lastCheck = time.GetTimestamp();
    }

    /// <summary>The file's path as given to <see cref="Load"/>.</summary>
    public string Path { get; }

    /// <summary>How many users the file currently holds.</summary>
    public int Count => _snapshot.Users.Count;

    /// <summary>Reads the file now; problems with single lines go to <paramref name="malformedLine"/>.</summary>
    /// <param name="path">The password file.</param>
    /// <param name="malformedLine">Receives "file:line: reason" for each skipped line; called on the caller's thread during reloads.</param>
    /// <param name="timeProvider">The clock for the once-per-second change check; the system clock when null.</param>
    /// <exception cref="IOException">The file cannot be read (it is missing, or a directory).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PasswordFile Load(string path, Action<string> malformedLine, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(malformedLine);
        return new PasswordFile(path, malformedLine, timeProvider ?? TimeProvider.System, Read(path, malformedLine));
    }

    /// <summary>
    /// True when <paramref name="user"/> is listed and <paramref name="password"/> matches its hash.
    /// Costs one PBKDF2 run whether or not the user exists, so the time taken does not reveal
    /// which users do; an empty password never matches. That run is deliberately slow (hundreds
    /// of milliseconds of one core at 600,000 iterations): call it off latency-sensitive threads,
    /// and rely on MaxAuthTries and MaxStartups to bound how many run at once.
    /// </summary>
    public bool Verify(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var snapshot = Current();
        if (snapshot.Users.TryGetValue(user, out var hash))
        {
            return PasswordHasher.Matches(password, hash) && password.Length > 0;
        }

        // Same work as for a real user, and the result thrown away.
        _ = PasswordHasher.Matches(password, snapshot.Dummy);
        return false;
    }

    private Snapshot Current()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastCheck), now) < RecheckInterval)
        {
            return _snapshot;
        }

        // One caller checks; the others go on with the snapshot they have rather than queue behind a stat.
        if (!_reloading.TryEnter())
        {
            return _snapshot;
        }

        try
        {
            Interlocked.Exchange(ref _lastCheck, now);
            var stamp = Stamp.Of(Path);
            if (stamp != _snapshot.Stamp)
            {
                _snapshot = stamp.Exists ? ReadOrEmpty(stamp) : Unreadable(stamp, "the file is gone");
            }

            return _snapshot;
        }
        finally
        {
            _reloading.Exit();
        }
    }

    private Snapshot ReadOrEmpty(Stamp stamp)
    {
        try
        {
            return Read(Path, _malformedLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(stamp, e.Message);
        }
    }

    private Snapshot Unreadable(Stamp stamp, string why)
    {
        _malformedLine($"{Path}: cannot be read ({why}); no password is accepted until it can be");
        return new Snapshot(new Dictionary<string, PasswordHash>(StringComparer.Ordinal), DummyFor([]), stamp);
    }

    private static Snapshot Read(string path, Action<string> malformedLine)
    {
        // Stamp before reading: an edit racing with the read changes the stamp, and the next check reloads.
        var stamp = Stamp.Of(path);
        var lines = File.ReadAllLines(path);
        var users = new Dictionary<string, PasswordHash>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}");
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                malformedLine($"{where}: not user:hash; skipped (make a line with warren hash-password --user NAME)");
                continue;
            }

            var user = line[..colon];
            if (!PasswordHasher.TryParse(line[(colon + 1)..], out var hash, out var reason))
            {
                malformedLine($"{where}: {reason}; skipped");
                continue;
            }

            if (!users.TryAdd(user, hash))
            {
                malformedLine($"{where}: user '{user}' is listed again; skipped (the first line wins)");
            }
        }

        return new Snapshot(users, DummyFor(users.Values), stamp);
    }

    /// <summary>
    /// The hash an unknown user is checked against: the iteration count most lines use, so a
    /// miss costs what a hit costs for the typical user.
    /// </summary>
    private static PasswordHash DummyFor(IEnumerable<PasswordHash> hashes)
    {
        var iterations = hashes
            .GroupBy(h => h.Iterations)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key)
            .Select(g => g.Key)
            .FirstOrDefault(PasswordHasher.DefaultIterations);
        return new PasswordHash(
            iterations,
            RandomNumberGenerator.GetBytes(PasswordHasher.SaltBytes),
            RandomNumberGenerator.GetBytes(PasswordHasher.HashBytes));
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, PasswordHash> Users, PasswordHash Dummy, Stamp Stamp);

    private readonly record struct Stamp(bool Exists, DateTime LastWriteUtc, long Length)
    {
        public static Stamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new Stamp(true, info.LastWriteTimeUtc, info.Length) : default;
        }
    }
}
