using System.Globalization;
using System.Security.Cryptography;

namespace Warren.Ssh.Auth;

/// <summary>
/// Salted slow password hashes in the encoding of a password file line:
/// <c>$pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c> (PBKDF2, RFC 8018 §5.2,
/// with HMAC-SHA-256; a 16-byte random salt and a 32-byte derived key). Thread-safe: all members
/// are static and keep no state.
/// </summary>
public static class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Fewer iterations make offline guessing too cheap; such lines are refused as malformed.</summary>
    public const int MinIterations = 100_000;

    /// <summary>More iterations would let one login attempt pin a core for seconds; refused as malformed.</summary>
    public const int MaxIterations = 10_000_000;

    /// <summary>The encoding's prefix, naming the scheme.</summary>
    public const string Prefix = "$pbkdf2-sha256$";

    internal const int SaltBytes = 16;
    internal const int HashBytes = 32;
    private const int MaxSaltBytes = 64;

    /// <summary>Hashes <paramref name="password"/> (UTF-8) with a fresh random salt; costs one full PBKDF2 run.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Iterations outside <see cref="MinIterations"/>..<see cref="MaxIterations"/>.</exception>
    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return new PasswordHash(iterations, salt, hash).ToString();
    }

    /// <summary>
    /// Parses the encoding; on failure <paramref name="reason"/> says what is wrong (without
    /// echoing the hash, which is secret enough not to belong in logs).
    /// </summary>
    internal static bool TryParse(string encoded, out PasswordHash hash, out string reason)
    {
        hash = PasswordHash.Empty;
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = $"the hash does not start with {Prefix}; make one with warren hash-password";
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            reason = $"the hash is not {Prefix}<iterations>$<salt>$<hash>";
            return false;
        }

        if (!parts[0].All(char.IsAsciiDigit)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < MinIterations
            || iterations > MaxIterations)
        {
            reason = $"the iteration count '{parts[0]}' is not a number from {MinIterations} to {MaxIterations}";
            return false;
        }

        var salt = new byte[MaxSaltBytes];
        if (!Convert.TryFromBase64String(parts[1], salt, out var saltLength) || saltLength < SaltBytes)
        {
            reason = $"the salt is not base64 of {SaltBytes} to {MaxSaltBytes} bytes";
            return false;
        }

        var derived = new byte[HashBytes];
        if (!Convert.TryFromBase64String(parts[2], derived, out var hashLength) || hashLength != HashBytes)
        {
            reason = $"the hash is not base64 of {HashBytes} bytes";
            return false;
        }

        hash = new PasswordHash(iterations, salt[..saltLength], derived);
        reason = string.Empty;
        return true;
    }

    /// <summary>Runs PBKDF2 over <paramref name="password"/> and compares in constant time.</summary>
    internal static bool Matches(string password, PasswordHash hash)
    {
        Span<byte> derived = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, hash.Salt, derived, hash.Iterations, HashAlgorithmName.SHA256);

        // A byte-by-byte compare that stops early would tell a guesser how much of the hash matched.
        return CryptographicOperations.FixedTimeEquals(derived, hash.Hash);
    }
}
