using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Warren.Relay.Edge;

/// <summary>
/// Checks a visitor's <c>Authorization: Basic ...</c> header (RFC 7617) against a tunnel's
/// <c>auth=</c>. The comparison takes the same time whatever the visitor sent: both sides are
/// hashed first, so neither a wrong byte's position nor a wrong length shows in the timing.
/// Never throws on visitor input.
/// </summary>
internal static class BasicAuthCheck
{
    private const string Scheme = "Basic ";

    // A user:password of the parser's line length, base64 encoded, fits well within this.
    private const int MaxHeaderLength = 8192;

    public static bool Matches(string? authorization, BasicAuthCredentials expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (authorization is null
            || authorization.Length > MaxHeaderLength
            || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = Encoding.ASCII.GetBytes(authorization.AsSpan(Scheme.Length).Trim().ToString());
        var decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
        try
        {
            if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> wanted = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(decoded.AsSpan(0, written), given);
            SHA256.HashData(Encoding.UTF8.GetBytes(expected.User + ":" + expected.Password), wanted);
            return CryptographicOperations.FixedTimeEquals(given, wanted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded, clearArray: true);
        }
    }
}
