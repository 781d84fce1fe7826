using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

public sealed class PasswordFileTests : IDisposable
{
    private const int Fast = PasswordHasher.MinIterations;

    private static readonly string AliceHash = PasswordHasher.Hash("alice-pw", Fast);
    private static readonly string BobHash = PasswordHasher.Hash("bob-pw", Fast);

    private readonly string _dir = Directory.CreateTempSubdirectory("warren-pw-").FullName;
    private readonly List<string> _malformed = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content, string name = "passwords")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private PasswordFile Load(string path) => PasswordFile.Load(path, _malformed.Add, _clock);

    [Fact]
    public void Verify_RightPassword_IsTrue()
    {
        var file = Load(Write($"# users\n\nalice:{AliceHash}\n  bob:{BobHash}  \n"));

        Assert.True(file.Verify("alice", "alice-pw"));
        Assert.True(file.Verify("bob", "bob-pw"));
        Assert.Equal(2, file.Count);
        Assert.Empty(_malformed);
    }

    [Theory]
    [InlineData("alice", "bob-pw")]
    [InlineData("alice", "")]
    [InlineData("alice", "alice-PW")]
    [InlineData("Alice", "alice-pw")]
    [InlineData("mallory", "alice-pw")]
    [InlineData("", "alice-pw")]
    public void Verify_WrongUserOrPassword_IsFalse(string user, string password)
    {
        var file = Load(Write($"alice:{AliceHash}\nbob:{BobHash}\n"));

        Assert.False(file.Verify(user, password));
    }

    [Fact]
    public void Verify_EmptyPasswordEvenIfHashed_IsFalse()
    {
        var file = Load(Write($"eve:{PasswordHasher.Hash(string.Empty, Fast)}\n"));

        Assert.False(file.Verify("eve", string.Empty));
    }

    [Fact]
    public void Load_MalformedLines_AreReportedWithFileAndLineAndSkipped()
    {
        var path = Write(string.Join('\n',
            $"alice:{AliceHash}",
            "no-colon-here",
            $":{BobHash}",
            "carol:$pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "dave:plaintext",
            $"alice:{BobHash}",
            $"bob:{BobHash}"));

        var file = Load(path);

        Assert.Equal(2, file.Count);
        Assert.True(file.Verify("alice", "alice-pw"));
        Assert.True(file.Verify("bob", "bob-pw"));
        Assert.Collection(
            _malformed,
            m => Assert.StartsWith($"{path}:2: not user:hash", m, StringComparison.Ordinal),
            m => Assert.StartsWith($"{path}:3: not user:hash", m, StringComparison.Ordinal),
            m => Assert.StartsWith($"{path}:4: the iteration count '1000' is not a number from 100000", m, StringComparison.Ordinal),
            m => Assert.StartsWith($"{path}:5: the hash does not start with $pbkdf2-sha256$", m, StringComparison.Ordinal),
            m => Assert.StartsWith($"{path}:6: user 'alice' is listed again", m, StringComparison.Ordinal));
        Assert.All(_malformed, m => Assert.DoesNotContain("AAAA", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFile_Throws()
    {
        Assert.ThrowsAny<IOException>(() => Load(Path.Combine(_dir, "absent")));
    }

    [Fact]
    public void Verify_FileChangedAfterASecond_SeesNewContent()
    {
        var path = Write($"alice:{AliceHash}\n");
        var file = Load(path);

        File.WriteAllText(path, $"alice:{AliceHash}\nbob:{BobHash}\n");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(file.Verify("bob", "bob-pw"));
        Assert.Equal(2, file.Count);
    }

    [Fact]
    public void Verify_FileChangedWithinTheSecond_KeepsOldContentUntilThen()
    {
        var path = Write($"alice:{AliceHash}\n");
        var file = Load(path);

        File.WriteAllText(path, $"bob:{BobHash}\n");
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(file.Verify("alice", "alice-pw"));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(file.Verify("alice", "alice-pw"));
        Assert.True(file.Verify("bob", "bob-pw"));
    }

    [Fact]
    public void Verify_FileDeleted_AcceptsNothingAndReportsOnce()
    {
        var path = Write($"alice:{AliceHash}\n");
        var file = Load(path);

        File.Delete(path);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(file.Verify("alice", "alice-pw"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(file.Verify("alice", "alice-pw"));

        Assert.Equal([$"{path}: cannot be read (the file is gone); no password is accepted until it can be"], _malformed);
    }

    [Fact]
    public void Verify_FileRestoredAfterDeletion_AcceptsAgain()
    {
        var path = Write($"alice:{AliceHash}\n");
        var file = Load(path);
        File.Delete(path);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(file.Verify("alice", "alice-pw"));

        Write($"alice:{AliceHash}\n");
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(file.Verify("alice", "alice-pw"));
    }

    [Fact]
    public async Task Verify_ManyThreadsDuringReloads_NeverThrows()
    {
        var path = Write($"alice:{AliceHash}\n");
        var file = Load(path);

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(file.Verify("alice", "alice-pw"));
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
        }));
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                File.WriteAllText(path + ".tmp", $"alice:{AliceHash}\n# edit {i}\n");
                File.Move(path + ".tmp", path, overwrite: true);
            }
        });

        await Task.WhenAll(readers.Append(writer)).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
