using Warren.Server.Configuration;

namespace Warren.Server.Tests.Configuration;

public sealed class KeygenOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ed25519", "Ed25519")]
    [InlineData("ecdsa", "Ecdsa")]
    [InlineData("rsa", "Rsa")]
    [InlineData("RSA", "Rsa")]
    public void TryParse_TypeAndOut_GivesOptions(string type, string expected)
    {
        var output = Path.Combine(_dir.Path, "key");

        Assert.True(KeygenOptions.TryParse(["--type", type, "--out", output], out var options, out var error), error);
        Assert.Equal(Enum.Parse<HostKeyType>(expected), options.Type);
        Assert.Equal(output, options.OutFile);
    }

    [Fact]
    public void TryParse_EqualsSpellingAndRelativeOut_GivesAbsolutePath()
    {
        Assert.True(KeygenOptions.TryParse(["--out=key", "--type=ecdsa"], out var options, out var error), error);
        Assert.Equal(Path.GetFullPath("key"), options.OutFile);
        Assert.Equal(HostKeyType.Ecdsa, options.Type);
    }

    [Theory]
    [InlineData(new[] { "--out", "k" }, "--type: missing; write e.g. warren keygen --type ed25519")]
    [InlineData(new[] { "--type", "dsa", "--out", "k" }, "--type: 'dsa' is not a key type; write ed25519, ecdsa or rsa")]
    [InlineData(new[] { "--type", "ed25519" }, "--out: missing; write e.g. warren keygen --type ed25519 --out")]
    [InlineData(new[] { "--type" }, "--type: needs a value; write e.g. --type ed25519")]
    [InlineData(new[] { "--type", "rsa", "--out" }, "--out: needs a value")]
    [InlineData(new[] { "--type", "rsa", "--type", "rsa", "--out", "k" }, "--type: given more than once")]
    [InlineData(new[] { "--typ", "rsa" }, "--typ: unknown flag (did you mean --type?)")]
    [InlineData(new[] { "rsa" }, "unexpected argument 'rsa'")]
    [InlineData(new[] { "--type", "rsa", "--out", "/nonexistent/warren/dir/key" }, "--out: directory '/nonexistent/warren/dir' does not exist")]
    public void TryParse_BadArguments_NamesFlagAndFix(string[] args, string expected)
    {
        Assert.False(KeygenOptions.TryParse(args, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
