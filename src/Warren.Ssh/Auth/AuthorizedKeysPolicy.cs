using System.Net;
using System.Security.Cryptography;

namespace Warren.Ssh.Auth;

/// <summary>
/// Public key login against authorized_keys files (sshd.8 "AUTHORIZED_KEYS FILE FORMAT"): a plain
/// key is allowed when a line of the user's file that is not <c>cert-authority</c> holds the very
/// same key blob, its <c>from=</c> matches the client address and its <c>expiry-time</c> has not
/// come. The first such line wins and its options become the grant, as in sshd, which moves on to
/// later lines when a line's options refuse. Certificates are not judged here (reason
/// <c>"certificate"</c>); the certificate code takes <see cref="CertificateAuthoritiesFor"/>.
/// </summary>
/// <remarks>Thread-safe; the store does the file I/O. Never throws on a malformed blob.</remarks>
public sealed class AuthorizedKeysPolicy : IPublicKeyPolicy
{
    /// <summary>The reason of the denial for any <c>*-cert-v01@openssh.com</c> algorithm.</summary>
    public const string CertificateReason = "certificate";

    private const string CertificateSuffix = "-cert-v01@openssh.com";

    private readonly AuthorizedKeysStore _store;

    /// <summary>Decides from the entries in <paramref name="store"/>.</summary>
    public AuthorizedKeysPolicy(AuthorizedKeysStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc/>
    public PublicKeyDecision Check(string user, string algorithm, ReadOnlySpan<byte> keyBlob, IPAddress source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (algorithm is null || algorithm.EndsWith(CertificateSuffix, StringComparison.Ordinal))
        {
            return PublicKeyDecision.Deny(CertificateReason);
        }

        // CVE-2026-35387: the algorithm must name exactly the blob's key type (rsa-sha2-* for ssh-rsa).
        var expectedType = KeyTypeFor(algorithm);
        var blobType = KeyBlobShape.PeekKeyType(keyBlob);
        var algorithmFits = expectedType is not null && blobType == expectedType;

        // The user's entries are fetched and scanned whether or not the algorithm fits, so an
        // unknown user or a mismatched key does not answer in an obviously different time.
        var entries = _store.ForUser(user ?? string.Empty);
        var refusal = "no matching key";
        foreach (var entry in entries)
        {
            if (entry.CertAuthority || !SameBlob(entry.PublicKeyBlob, keyBlob))
            {
                continue;
            }

            if (entry.FromPatterns is { } patterns && !AddressPatternMatcher.Matches(patterns, source))
            {
                refusal = $"from= of {entry.Source} does not match {source}";
                continue;
            }

            if (entry.ExpiryTime is { } expiry && now >= expiry)
            {
                refusal = $"key of {entry.Source} expired at {expiry:u}";
                continue;
            }

            if (!algorithmFits)
            {
                return PublicKeyDecision.Deny(expectedType is null
                    ? $"unsupported algorithm {algorithm}"
                    : $"algorithm {algorithm} does not fit key type {blobType}");
            }

            return new PublicKeyDecision(
                Allowed: true,
                Permissions: entry.Permissions with { Source = entry.Source },
                Reason: $"authorized by {entry.Source}",
                RequireUserPresence: !entry.NoTouchRequired,
                RequireUserVerification: entry.VerifyRequired);
        }

        if (!algorithmFits)
        {
            return PublicKeyDecision.Deny(expectedType is null
                ? $"unsupported algorithm {algorithm}"
                : $"algorithm {algorithm} does not fit key type {blobType ?? "(none)"}");
        }

        return PublicKeyDecision.Deny(refusal);
    }

    /// <summary>
    /// The <c>cert-authority</c> entries of <paramref name="user"/>; the certificate code checks
    /// each one's <c>from=</c>, <c>expiry-time</c> and <c>principals=</c> itself.
    /// </summary>
    public IReadOnlyList<AuthorizedKeyEntry> CertificateAuthoritiesFor(string user) =>
        [.. _store.ForUser(user ?? string.Empty).Where(e => e.CertAuthority)];

    /// <summary>The key type a plain public key algorithm signs with; null for anything else (ssh-rsa/SHA-1 included).</summary>
    internal static string? KeyTypeFor(string algorithm) => algorithm switch
    {
        "ssh-ed25519" => "ssh-ed25519",
        "ecdsa-sha2-nistp256" => "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384" => "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521" => "ecdsa-sha2-nistp521",
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        "sk-ssh-ed25519@openssh.com" => "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com" => "sk-ecdsa-sha2-nistp256@openssh.com",
        _ => null,
    };

    private static bool SameBlob(byte[] authorized, ReadOnlySpan<byte> offered) =>
        authorized.Length == offered.Length && CryptographicOperations.FixedTimeEquals(authorized, offered);
}
