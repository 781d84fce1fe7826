using System.Security.Cryptography;
using System.Text;
using Warren.Server.Hosting;

namespace Warren.Server.Observability;

/// <summary>
/// The admin API's bearer token, read once from --admin-token-file (surrounding whitespace,
/// such as a trailing newline, is not part of it). Checks compare SHA-256 digests in constant
/// time, so neither the content nor the length of the token leaks through timing.
/// </summary>
internal sealed class AdminToken
{
    /// <summary>Shorter tokens are refused at start: they can be guessed.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _digest;

    private AdminToken(string token) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Reads the token; a missing, short or unreadable file is an <see cref="OptionsException"/> that says the fix.</summary>
    public static AdminToken Load(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OptionsException($"--admin-token-file: cannot read '{path}': {e.Message}");
        }

        if (token.Length < MinimumLength || token.Any(char.IsWhiteSpace))
        {
            throw new OptionsException(
                $"--admin-token-file: '{path}' must hold one token of at least {MinimumLength} characters without spaces; make one with: openssl rand -hex 32 > {path}");
        }

        return new AdminToken(token);
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer &lt;the token&gt;</c>.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _digest);
    }
}
