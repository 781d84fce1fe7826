using System.Globalization;

namespace Warren.Ssh.Auth;

/// <summary>One parsed <c>$pbkdf2-sha256$</c> hash (see <see cref="PasswordHasher"/>).</summary>
internal sealed record PasswordHash(int Iterations, byte[] Salt, byte[] Hash)
{
    public static readonly PasswordHash Empty = new(0, [], []);

    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{PasswordHasher.Prefix}{Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(Hash)}");
}
