using System.Net;

namespace Warren.Ssh.Auth;

/// <summary>
/// The server's whole public key policy: plain keys from authorized_keys, certificates from
/// trusted CAs (the TrustedUserCAKeys file and cert-authority lines), and RevokedKeys over both.
/// </summary>
public sealed class CombinedPublicKeyPolicy : IPublicKeyPolicy
{
    private readonly AuthorizedKeysPolicy? _authorizedKeys;
    private readonly CertificatePolicy _certificates;
    private readonly RevokedKeys? _revoked;

    /// <summary>Any part may be absent; with none, every key is refused.</summary>
    public CombinedPublicKeyPolicy(AuthorizedKeysPolicy? authorizedKeys, TrustedUserCaKeys? trustedCaKeys, RevokedKeys? revoked, TimeSpan clockSkew)
    {
        _authorizedKeys = authorizedKeys;
        _revoked = revoked;
        _certificates = new CertificatePolicy(
            trustedCaKeys ?? TrustedUserCaKeys.None,
            authorizedKeys is null ? null : authorizedKeys.CertificateAuthoritiesFor,
            revoked,
            clockSkew,
            AddressPatternMatcher.Matches);
    }

    /// <inheritdoc />
    public PublicKeyDecision Check(string user, string algorithm, ReadOnlySpan<byte> keyBlob, IPAddress source, DateTimeOffset now)
    {
        if (CertificateAlgorithms.IsCertificateAlgorithm(algorithm))
        {
            return _certificates.Check(user, algorithm, keyBlob, source, now);
        }

        var decision = _authorizedKeys?.Check(user, algorithm, keyBlob, source, now) ?? PublicKeyDecision.Deny("no authorized_keys configured");
        if (decision.Allowed && _revoked is not null && _revoked.IsRevoked(keyBlob))
        {
            return PublicKeyDecision.Deny("key is revoked");
        }

        return decision;
    }
}
