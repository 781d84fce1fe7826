using Warren.Server.Cli;
using Warren.Ssh.Auth;

namespace Warren.Server.Tests.Cli;

public sealed class HashPasswordTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await WarrenCli.RunAsync(["hash-password", .. args], new Dictionary<string, string>(), input, stdout, stderr, timeout.Token)
            .WaitAsync(TimeSpan.FromSeconds(30));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task HashPassword_PasswordOnStdin_PrintsHashThatVerifies()
    {
        var (code, output, error) = await RunAsync("correct horse\n");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Matches(@"^\$pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}\n$", output);
        var file = PasswordFile.Load(_dir.Write("passwords", "alice:" + output), _ => Assert.Fail("no line is malformed"));
        Assert.True(file.Verify("alice", "correct horse"));
        Assert.False(file.Verify("alice", "correct horse\n"));
    }

    [Fact]
    public async Task HashPassword_WithUser_PrintsPasswordFileLine()
    {
        var (code, output, _) = await RunAsync("s3cret\r\n", "--user", "bob");

        Assert.Equal(0, code);
        Assert.StartsWith("bob:$pbkdf2-sha256$", output, StringComparison.Ordinal);
        var file = PasswordFile.Load(_dir.Write("passwords", output), _ => Assert.Fail("no line is malformed"));
        Assert.True(file.Verify("bob", "s3cret"));
    }

    [Fact]
    public async Task HashPassword_UserEqualsSpelling_IsAccepted()
    {
        var (code, output, _) = await RunAsync("pw\n", "--user=carol");

        Assert.Equal(0, code);
        Assert.StartsWith("carol:$pbkdf2-sha256$", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_OnlyFirstLine_IsHashed()
    {
        var (_, output, _) = await RunAsync("first\nsecond\n", "--user", "dave");

        var file = PasswordFile.Load(_dir.Write("passwords", output), _ => { });
        Assert.True(file.Verify("dave", "first"));
    }

    [Fact]
    public async Task HashPassword_SamePasswordTwice_UsesFreshSalts()
    {
        var (_, first, _) = await RunAsync("same\n");
        var (_, second, _) = await RunAsync("same\n");

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("", "no password on stdin; write e.g. printf '%s\\n' 'secret' | warren hash-password")]
    [InlineData("\n", "the password is empty")]
    public async Task HashPassword_NoPassword_ExitsTwoWithFix(string stdin, string expected)
    {
        var (code, output, error) = await RunAsync(stdin);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("warren hash-password: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--user" }, "--user: needs a value; write e.g. --user alice")]
    [InlineData(new[] { "--user", "a:b" }, "--user: 'a:b' contains ':'")]
    [InlineData(new[] { "--user", "a b" }, "contains spaces or control characters")]
    [InlineData(new[] { "--user", "#x" }, "starts with '#'")]
    [InlineData(new[] { "--user=" }, "the user name is empty")]
    [InlineData(new[] { "--user", "a", "--user", "b" }, "--user: given more than once")]
    [InlineData(new[] { "--usr", "a" }, "--usr: unknown flag (did you mean --user?)")]
    [InlineData(new[] { "secret" }, "unexpected argument 'secret'; the password is read from stdin")]
    public async Task HashPassword_BadArguments_ExitsTwoWithoutReadingStdin(string[] args, string expected)
    {
        var (code, output, error) = await RunAsync("pw\n", args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.TrimEnd());
    }

    [Fact]
    public async Task HashPasswordHelp_Always_ShowsStdinExample()
    {
        var (code, output, _) = await RunAsync(string.Empty, "--help");

        Assert.Equal(0, code);
        Assert.Contains("printf '%s\\n' 'secret' | warren hash-password --user alice", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Always_ListsHashPassword()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await WarrenCli.RunAsync(["--help"], new Dictionary<string, string>(), stdout, stderr, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, code);
        Assert.Contains("hash-password", stdout.ToString(), StringComparison.Ordinal);
    }
}
