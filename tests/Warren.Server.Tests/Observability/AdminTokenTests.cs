using Warren.Server.Hosting;
using Warren.Server.Observability;

namespace Warren.Server.Tests.Observability;

public sealed class AdminTokenTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Accepts_BearerWithTheToken_IsTrueAndTrailingNewlineIsNotPartOfIt()
    {
        var token = AdminToken.Load(_dir.Write("token", Secret + "\n"));

        Assert.True(token.Accepts("Bearer " + Secret));
        Assert.True(token.Accepts("bearer " + Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Secret)]
    [InlineData("Basic " + Secret)]
    [InlineData("Bearer " + Secret + "0")]
    [InlineData("Bearer 0123456789abcdef")]
    public void Accepts_MissingOrWrong_IsFalse(string? authorization)
    {
        var token = AdminToken.Load(_dir.Write("token", Secret));

        Assert.False(token.Accepts(authorization));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    [InlineData("0123456789abcdef 0123456789abcdef")]
    public void Load_WeakOrMalformedToken_FailsWithTheFix(string content)
    {
        var path = _dir.Write("token", content);

        var e = Assert.Throws<OptionsException>(() => AdminToken.Load(path));

        Assert.Contains("--admin-token-file", e.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 32", e.Message, StringComparison.Ordinal);
    }
}
