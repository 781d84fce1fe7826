using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

public sealed class PasswordHasherTests
{
    private const int Fast = PasswordHasher.MinIterations;

    [Fact]
    public void Hash_Password_RoundTripsThroughParse()
    {
        var encoded = PasswordHasher.Hash("hunter2", Fast);

        Assert.True(PasswordHasher.TryParse(encoded, out var hash, out var reason), reason);
        Assert.Equal(Fast, hash.Iterations);
        Assert.Equal(16, hash.Salt.Length);
        Assert.Equal(32, hash.Hash.Length);
        Assert.Equal(encoded, hash.ToString());
        Assert.True(PasswordHasher.Matches("hunter2", hash));
        Assert.False(PasswordHasher.Matches("hunter3", hash));
    }

    [Fact]
    public void Hash_DefaultIterations_Is600000()
    {
        Assert.StartsWith("$pbkdf2-sha256$600000$", PasswordHasher.Hash("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_KnownVector_AgreesWithIndependentPbkdf2()
    {
        // PBKDF2-HMAC-SHA256("password", "saltsaltsaltsalt", 100000, 32) from Python's
        // hashlib.pbkdf2_hmac: pins the encoding (UTF-8 password, raw salt bytes, standard base64).
        const string Encoded = "$pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA==$T78tEi/mr8Yageny/jk6s5+Qanjd3ceXdjwOeEhX6bQ=";

        Assert.True(PasswordHasher.TryParse(Encoded, out var hash, out _));
        Assert.True(PasswordHasher.Matches("password", hash));
        Assert.False(PasswordHasher.Matches("Password", hash));
    }

    [Theory]
    [InlineData(99_999)]
    [InlineData(10_000_001)]
    public void Hash_IterationsOutOfRange_Throws(int iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHasher.Hash("x", iterations));
    }

    [Theory]
    [InlineData("$pbkdf2-sha1$100000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "does not start with $pbkdf2-sha256$")]
    [InlineData("$pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA==", "is not $pbkdf2-sha256$<iterations>$<salt>$<hash>")]
    [InlineData("$pbkdf2-sha256$99999$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "'99999' is not a number from 100000 to 10000000")]
    [InlineData("$pbkdf2-sha256$10000001$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "is not a number from 100000")]
    [InlineData("$pbkdf2-sha256$+100000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "is not a number")]
    [InlineData("$pbkdf2-sha256$100000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "the salt is not base64 of 16 to 64 bytes")]
    [InlineData("$pbkdf2-sha256$100000$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "the salt is not base64")]
    [InlineData("$pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA==$AAAA", "the hash is not base64 of 32 bytes")]
    public void TryParse_Malformed_SaysWhy(string encoded, string expected)
    {
        Assert.False(PasswordHasher.TryParse(encoded, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }
}
