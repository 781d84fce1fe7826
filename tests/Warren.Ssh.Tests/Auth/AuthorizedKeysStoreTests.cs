using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

public sealed class AuthorizedKeysStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("warren-akeys-").FullName;
    private readonly List<string> _reports = [];
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void ForUser_FileMode_AnyUserGetsTheFileKeys()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519") + "\n" + TestKeys.Line("rsa"));
        var store = NewStore(file);

        Assert.False(store.IsDirectory);
        Assert.Equal(2, store.ForUser("alice").Count);
        Assert.Equal(2, store.ForUser("bob").Count);
        Assert.Equal(2, store.ForUser("../../etc/passwd").Count);
        Assert.Empty(_reports);
    }

    [Fact]
    public void ForUser_DirectoryMode_EachUserGetsOwnFile()
    {
        Write("alice", TestKeys.Line("ed25519"));
        Write("bob", TestKeys.Line("rsa") + "\n" + TestKeys.Line("ecdsa256"));
        var store = NewStore(_root);

        Assert.True(store.IsDirectory);
        Assert.Equal(TestKeys.Blob("ed25519"), Assert.Single(store.ForUser("alice")).PublicKeyBlob);
        Assert.Equal(2, store.ForUser("bob").Count);
        Assert.Empty(store.ForUser("carol"));
        Assert.EndsWith($"{Path.DirectorySeparatorChar}alice:1", store.ForUser("alice")[0].Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../outside")]
    [InlineData("sub/alice")]
    [InlineData("/etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    [InlineData("al\0ice")]
    [InlineData("alice ")]
    public void ForUser_DirectoryModeUnsafeName_GetsNothing(string user)
    {
        var parent = Path.Combine(_root, "parent");
        var dir = Path.Combine(parent, "keys");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(parent, "outside"), TestKeys.Line("ed25519"));
        File.WriteAllText(Path.Combine(dir, ".hidden"), TestKeys.Line("ed25519"));
        File.WriteAllText(Path.Combine(dir, "sub", "alice"), TestKeys.Line("ed25519"));
        var store = NewStore(dir);

        Assert.Empty(store.ForUser(user));
    }

    [Fact]
    public void ForUser_DirectoryModeSubdirectoryNamedAsUser_GetsNothing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "alice"));
        var store = NewStore(_root);

        Assert.Empty(store.ForUser("alice"));
        Assert.Empty(_reports);
    }

    [Fact]
    public void ForUser_MissingFile_NoKeysAndNoReport()
    {
        var store = NewStore(Path.Combine(_root, "does-not-exist"));

        Assert.Empty(store.ForUser("alice"));
        Assert.Empty(_reports);
    }

    [Fact]
    public void ForUser_FileEdited_SeesNewKeysAfterRecheckInterval()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        var store = NewStore(file);
        Assert.Equal(TestKeys.Blob("ed25519"), Assert.Single(store.ForUser("alice")).PublicKeyBlob);

        File.WriteAllText(file, TestKeys.Line("ed25519b") + "\n" + TestKeys.Line("rsa"));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        // Within the throttle the stat is not repeated: the old keys still answer.
        Assert.Single(store.ForUser("alice"));
        _time.Advance(TimeSpan.FromSeconds(1));
        var entries = store.ForUser("alice");
        Assert.Equal(2, entries.Count);
        Assert.Equal(TestKeys.Blob("ed25519b"), entries[0].PublicKeyBlob);
    }

    [Fact]
    public void ForUser_SameMtimeDifferentLength_Reread()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        var stamp = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, stamp);
        var store = NewStore(file, TimeSpan.Zero);
        Assert.Single(store.ForUser("alice"));

        File.WriteAllText(file, TestKeys.Line("ed25519") + "\n" + TestKeys.Line("ed25519b"));
        File.SetLastWriteTimeUtc(file, stamp);

        Assert.Equal(2, store.ForUser("alice").Count);
    }

    [Fact]
    public void ForUser_EntriesHandedOut_UnchangedByLaterEdit()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        var store = NewStore(file, TimeSpan.Zero);
        var before = store.ForUser("alice");

        File.WriteAllText(file, string.Empty);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Assert.Empty(store.ForUser("alice"));
        Assert.Single(before);
    }

    [Fact]
    public void ForUser_FileDeletedThenRecreated_FollowsTheFile()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        var store = NewStore(file, TimeSpan.Zero);
        Assert.Single(store.ForUser("alice"));

        File.Delete(file);
        Assert.Empty(store.ForUser("alice"));

        Write("authorized_keys", TestKeys.Line("rsa"));
        Assert.Equal("ssh-rsa", Assert.Single(store.ForUser("alice")).KeyType);
    }

    [Fact]
    public void ForUser_FileCreatedAfterStart_Found()
    {
        var store = NewStore(_root, TimeSpan.Zero);
        Assert.Empty(store.ForUser("alice"));

        Write("alice", TestKeys.Line("ed25519"));

        Assert.Single(store.ForUser("alice"));
    }

    [Fact]
    public void ForUser_MalformedLines_ReportedOncePerRead()
    {
        var file = Write("authorized_keys", "junk\n" + TestKeys.Line("ed25519"));
        var store = NewStore(file, TimeSpan.Zero);

        Assert.Single(store.ForUser("alice"));
        Assert.Single(store.ForUser("bob"));

        var report = Assert.Single(_reports);
        Assert.StartsWith(file + ":1: ", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ForUser_UnreadableFile_NoKeysAndOneReport()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName == "root")
        {
            return; // root reads anything; the mode bits only bind other users.
        }

        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        File.SetUnixFileMode(file, UnixFileMode.None);
        var store = NewStore(file, TimeSpan.Zero);

        Assert.Empty(store.ForUser("alice"));
        Assert.Empty(store.ForUser("alice"));
        Assert.Single(_reports);
        Assert.Contains("cannot read", _reports[0], StringComparison.Ordinal);

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Single(store.ForUser("alice"));
    }

    [Fact]
    public void ForUser_OversizedFile_NoKeysAndOneReport()
    {
        var file = Write("alice", TestKeys.Line("ed25519") + "\n");
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(AuthorizedKeysStore.MaxFileBytes + 1);
        }

        var store = NewStore(_root, TimeSpan.Zero);

        Assert.Empty(store.ForUser("alice"));
        Assert.Empty(store.ForUser("alice"));
        var report = Assert.Single(_reports);
        Assert.Contains("alice: cannot read: larger than", report, StringComparison.Ordinal);

        File.WriteAllText(file, TestKeys.Line("ed25519"));
        Assert.Single(store.ForUser("alice"));
    }

    [Fact]
    public async Task ForUser_ConcurrentLookupsDuringEdits_NeverThrow()
    {
        var file = Write("authorized_keys", TestKeys.Line("ed25519"));
        var store = new AuthorizedKeysStore(file, _ => { }, _time, TimeSpan.Zero, TimeZoneInfo.Utc);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var count = store.ForUser("alice").Count;
                Assert.InRange(count, 0, 2);
            }
        })).ToArray();

        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(file, i % 2 == 0 ? TestKeys.Line("ed25519") + "\n" + TestKeys.Line("rsa") : TestKeys.Line("ed25519"));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("bob.smith", true)]
    [InlineData("svc_deploy-2", true)]
    [InlineData("ci+bot@example.com", true)]
    [InlineData("", false)]
    [InlineData("..", false)]
    [InlineData(".ssh", false)]
    [InlineData("a/b", false)]
    [InlineData("\u00e9", false)]
    public void IsSafeFileName_UserNames_OnlyPlainNames(string user, bool expected)
    {
        Assert.Equal(expected, AuthorizedKeysStore.IsSafeFileName(user));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private AuthorizedKeysStore NewStore(string path, TimeSpan? recheck = null) =>
        new(path, _reports.Add, _time, recheck, TimeZoneInfo.Utc);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }
}
