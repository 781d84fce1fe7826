namespace Warren.Relay.Edge;

/// <summary>
/// Whether any of a few files (a certificate, its key, a CA bundle) has been written since the
/// last look, looking at most once per interval: certificates are re-read on a handshake, and a
/// handshake must not stat files every time.
/// </summary>
internal sealed class FileChangeWatch
{
    private readonly string[] _files;
    private readonly long _intervalMs;
    private readonly DateTime[] _stamps;
    private long _nextLook;

    public FileChangeWatch(TimeSpan interval, params string[] files)
    {
        _files = files;
        _intervalMs = (long)interval.TotalMilliseconds;
        _stamps = new DateTime[files.Length];
        Stamp(_stamps);
        _nextLook = Environment.TickCount64 + _intervalMs;
    }

    /// <summary>True when the interval since the last look has passed (cheap; no file access).</summary>
    public bool Due => Environment.TickCount64 >= Interlocked.Read(ref _nextLook);

    /// <summary>Looks at the files now: true when one was written since the last look. Callers serialize.</summary>
    public bool LookForChange()
    {
        Interlocked.Exchange(ref _nextLook, Environment.TickCount64 + _intervalMs);
        var now = new DateTime[_files.Length];
        Stamp(now);
        if (now.AsSpan().SequenceEqual(_stamps))
        {
            return false;
        }

        now.CopyTo(_stamps, 0);
        return true;
    }

    private void Stamp(DateTime[] into)
    {
        for (var i = 0; i < _files.Length; i++)
        {
            into[i] = File.GetLastWriteTimeUtc(_files[i]);
        }
    }
}
