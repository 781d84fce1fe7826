using System.Text;
using Warren.Relay.Edge;

namespace Warren.Relay.Tests.Edge;

public sealed class BasicAuthCheckTests
{
    private static readonly BasicAuthCredentials Alice = new("alice", "s3:cret");

    [Fact]
    public void Matches_RightCredentials_True()
    {
        Assert.True(BasicAuthCheck.Matches(Header("alice:s3:cret"), Alice));
        Assert.True(BasicAuthCheck.Matches("basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3:cret")), Alice));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64!!!")]
    public void Matches_MalformedHeader_False(string? header)
    {
        Assert.False(BasicAuthCheck.Matches(header, Alice));
    }

    [Theory]
    [InlineData("alice:wrong")]
    [InlineData("bob:s3:cret")]
    [InlineData("alice:s3:cret2")]
    [InlineData("alice")]
    public void Matches_WrongCredentials_False(string credentials)
    {
        Assert.False(BasicAuthCheck.Matches(Header(credentials), Alice));
    }

    private static string Header(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
