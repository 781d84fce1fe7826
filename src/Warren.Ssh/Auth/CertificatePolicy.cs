using System.Net;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// Decides whether an OpenSSH user certificate (PROTOCOL.certkeys) may log in, with the checks of
/// sshd's auth2-pubkey.c and sshkey_cert_check_authority (PROTOCOL-NOTES §2.10): algorithm and
/// blob type match exactly, user certificate, CA signature valid with an allowed algorithm, CA
/// trusted (TrustedUserCAKeys, or a cert-authority line of the user whose from= and expiry-time
/// hold), neither key revoked, validity window, principals, critical options. Only certificate
/// algorithms are handled; plain keys are denied here and belong to another policy.
/// Thread-safe when the delegates given to it are. The user's signature is not checked here
/// (see <see cref="UserSignature"/>).
/// </summary>
public sealed class CertificatePolicy : IPublicKeyPolicy
{
    /// <summary>Clock skew tolerated on each side of the validity window unless another is given.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(1);

    private readonly TrustedUserCaKeys _trustedCaKeys;
    private readonly Func<string, IReadOnlyList<AuthorizedKeyEntry>>? _authorityEntriesForUser;
    private readonly RevokedKeys? _revokedKeys;
    private readonly ulong _skewSeconds;
    private readonly Func<IReadOnlyList<string>, IPAddress, bool> _fromMatcher;

    /// <param name="trustedCaKeys">The TrustedUserCAKeys file's keys (<see cref="TrustedUserCaKeys.None"/> for none).</param>
    /// <param name="authorityEntriesForUser">The user's authorized_keys entries (only <c>cert-authority</c> ones are used); null when authorized_keys is not used. Must not throw for an unknown user.</param>
    /// <param name="revokedKeys">RevokedKeys; null when none is configured.</param>
    /// <param name="clockSkew">Tolerance on both ends of the validity window; <see cref="DefaultClockSkew"/> when null; 0 to 1 hour.</param>
    /// <param name="fromMatcher">Matches an entry's from= patterns against the client address; a minimal address-only matcher when null.</param>
    public CertificatePolicy(
        TrustedUserCaKeys trustedCaKeys,
        Func<string, IReadOnlyList<AuthorizedKeyEntry>>? authorityEntriesForUser = null,
        RevokedKeys? revokedKeys = null,
        TimeSpan? clockSkew = null,
        Func<IReadOnlyList<string>, IPAddress, bool>? fromMatcher = null)
    {
        ArgumentNullException.ThrowIfNull(trustedCaKeys);
        var skew = clockSkew ?? DefaultClockSkew;
        ArgumentOutOfRangeException.ThrowIfLessThan(skew, TimeSpan.Zero, nameof(clockSkew));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skew, TimeSpan.FromHours(1), nameof(clockSkew));
        _trustedCaKeys = trustedCaKeys;
        _authorityEntriesForUser = authorityEntriesForUser;
        _revokedKeys = revokedKeys;
        _skewSeconds = (ulong)skew.TotalSeconds;
        _fromMatcher = fromMatcher ?? AddressPatterns.MatchesFromPatterns;
    }

    /// <inheritdoc />
    public PublicKeyDecision Check(string user, string algorithm, ReadOnlySpan<byte> keyBlob, IPAddress source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(source);

        // 1. pkalg ↔ blob type, exactly (CVE-2026-35387; sshd "type mismatch for decoded key").
        if (!CertificateAlgorithms.TryMapCertificateAlgorithm(algorithm, out var certificateType, out _))
        {
            return PublicKeyDecision.Deny($"algorithm {Printable.Of(algorithm)} is not an accepted certificate algorithm");
        }

        if (!OpenSshCertificate.TryParse(keyBlob, out var parsed))
        {
            return PublicKeyDecision.Deny("malformed certificate");
        }

        var certificate = parsed!;
        if (certificate.Type != certificateType)
        {
            return PublicKeyDecision.Deny($"type mismatch: algorithm {algorithm} with a {certificate.Type} blob");
        }

        var caFingerprint = KeyFile.Fingerprint(certificate.SignatureKey);
        var label = $"certificate {Printable.Of(certificate.KeyId)} serial {certificate.Serial} CA {caFingerprint}";

        // CVE-2026-39835: no CA configured at all is a clean refusal.
        if (_trustedCaKeys.Count == 0 && _authorityEntriesForUser is null)
        {
            return PublicKeyDecision.Deny($"{label}: no certificate authority is configured");
        }

        // 2. Only user certificates log users in.
        if (certificate.CertificateType != OpenSshCertificate.UserCertificate)
        {
            return PublicKeyDecision.Deny($"{label}: not a user certificate (type {certificate.CertificateType})");
        }

        // 3. CA signature, with an allowed algorithm that goes with the CA key (sshkey_check_cert_sigtype).
        if (!TryCheckCaSignature(certificate, out var signatureReason))
        {
            return PublicKeyDecision.Deny($"{label}: {signatureReason}");
        }

        // 4. CA trusted: cert-authority lines first (as sshd reads authorized_keys first), then TrustedUserCAKeys.
        var anchors = TrustAnchors(user, certificate, source, now, out var trustReason);
        var trustedByFile = _trustedCaKeys.Contains(certificate.SignatureKey);
        if (anchors.Count == 0 && !trustedByFile)
        {
            return PublicKeyDecision.Deny($"{label}: {trustReason ?? "CA not trusted"}");
        }

        // 5. RevokedKeys: the certified key and the CA key.
        if (_revokedKeys is not null)
        {
            if (_revokedKeys.IsRevoked(certificate.SignatureKey))
            {
                return PublicKeyDecision.Deny($"{label}: CA key revoked");
            }

            if (_revokedKeys.IsRevoked(certificate.PublicKeyBlob))
            {
                return PublicKeyDecision.Deny($"{label}: certified key {KeyFile.Fingerprint(certificate.PublicKeyBlob)} revoked");
            }
        }

        // 6. valid_after - skew <= now < valid_before + skew, in whole seconds as sshd's time(NULL).
        if (!CertificateValidity.IsWithin(certificate, now, _skewSeconds, out var validityReason))
        {
            return PublicKeyDecision.Deny($"{label}: {validityReason}");
        }

        // 7. Principals, per trust anchor.
        AuthorizedKeyEntry? entry = null;
        var principalsOk = false;
        foreach (var candidate in anchors)
        {
            if (PrincipalsMatch(certificate, user, candidate.Principals))
            {
                entry = candidate;
                principalsOk = true;
                break;
            }
        }

        // TrustedUserCAKeys: require_principal, the exact user name (sshd auth2-pubkey.c user_cert_trusted_ca).
        if (!principalsOk && trustedByFile && certificate.Principals.Count != 0 && certificate.Principals.Contains(user, StringComparer.Ordinal))
        {
            principalsOk = true;
        }

        if (!principalsOk)
        {
            return PublicKeyDecision.Deny($"{label}: no principal matches user {Printable.Of(user)}");
        }

        // 8–9. Critical options and extensions.
        if (!CertificateOptions.TryRead(certificate, out var options, out var optionsReason))
        {
            return PublicKeyDecision.Deny($"{label}: {optionsReason}");
        }

        if (options.SourceAddresses is { } blocks && !AddressPatterns.MatchesAny(blocks, source))
        {
            return PublicKeyDecision.Deny($"{label}: source-address does not allow {source}");
        }

        return Grant(options, entry, label);
    }

    private static PublicKeyDecision Grant(CertificateOptions options, AuthorizedKeyEntry? entry, string label)
    {
        var permissions = new KeyPermissions
        {
            PortForwarding = options.PermitPortForwarding,
            ForceCommand = options.ForceCommand,
            Source = entry is null ? label : $"{label} via {entry.Source}",
        };

        if (entry is not null)
        {
            // sshd.8 cert-authority: command= and force-command must agree, or the certificate is refused.
            if (options.ForceCommand is not null && entry.Permissions.ForceCommand is not null
                && !string.Equals(options.ForceCommand, entry.Permissions.ForceCommand, StringComparison.Ordinal))
            {
                return PublicKeyDecision.Deny($"{label}: force-command differs from command= of {entry.Source}");
            }

            permissions = permissions.Intersect(entry.Permissions);
        }

        // auth-options.c sshauthopt_merge: no-touch-required only when both sides say so; verify-required when either does.
        var noTouch = options.NoTouchRequired && (entry is null || entry.NoTouchRequired);
        var verify = options.VerifyRequired || (entry?.VerifyRequired ?? false);
        return new PublicKeyDecision(true, permissions, $"{label} accepted", RequireUserPresence: !noTouch, RequireUserVerification: verify);
    }

    private static bool TryCheckCaSignature(OpenSshCertificate certificate, out string reason)
    {
        var reader = new SshReader(certificate.Signature);
        if (!reader.TryReadString(out var algorithmBytes) || !PlainKeyBlob.TryReadType(certificate.SignatureKey, out var caType))
        {
            reason = "malformed CA signature";
            return false;
        }

        var algorithm = System.Text.Encoding.ASCII.GetString(algorithmBytes);
        if (!CertificateAlgorithms.CaSignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            reason = $"CA signature algorithm {Printable.Of(algorithm)} not allowed";
            return false;
        }

        if (!CertificateAlgorithms.KeySignsWith(caType, algorithm))
        {
            reason = $"CA signature algorithm {algorithm} does not go with a {caType} CA key";
            return false;
        }

        if (!UserSignature.VerifyPlain(algorithm, certificate.SignatureKey, certificate.Signature, certificate.SignedData, out _))
        {
            reason = "CA signature invalid";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>The user's cert-authority entries for this CA whose from= and expiry-time hold now.</summary>
    private List<AuthorizedKeyEntry> TrustAnchors(string user, OpenSshCertificate certificate, IPAddress source, DateTimeOffset now, out string? reason)
    {
        reason = null;
        var anchors = new List<AuthorizedKeyEntry>();
        if (_authorityEntriesForUser?.Invoke(user) is not { } entries)
        {
            return anchors;
        }

        foreach (var entry in entries)
        {
            if (!entry.CertAuthority || !entry.PublicKeyBlob.AsSpan().SequenceEqual(certificate.SignatureKey))
            {
                continue;
            }

            if (entry.ExpiryTime is { } expiry && now >= expiry)
            {
                reason = $"cert-authority line {entry.Source} expired";
            }
            else if (entry.FromPatterns is { } patterns && !_fromMatcher(patterns, source))
            {
                reason = $"cert-authority line {entry.Source}: from= does not allow {source}";
            }
            else
            {
                anchors.Add(entry);
            }
        }

        return anchors;
    }

    /// <summary>
    /// For a cert-authority line: with principals=, at least one listed name equals one certificate
    /// principal, element by element (CVE-2026-35414: never split either side on commas);
    /// without it, the user name must be a certificate principal.
    /// </summary>
    private static bool PrincipalsMatch(OpenSshCertificate certificate, string user, IReadOnlyList<string>? allowed)
    {
        if (allowed is null)
        {
            return certificate.Principals.Contains(user, StringComparer.Ordinal);
        }

        foreach (var name in allowed)
        {
            if (certificate.Principals.Contains(name, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
