using System.Net;
using Warren.Ssh.Auth;

namespace Warren.Fuzz.Targets;

/// <summary>
/// Fixed keys for the targets that check certificates: the fuzzing CA (its private half made the
/// certificates in corpus/certificate and corpus/userauth, and is not kept), trusted both
/// through TrustedUserCAKeys and through a cert-authority line, as an operator would.
/// </summary>
internal static class FuzzKeys
{
    public const string CaPublicKeyLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMa0jTHYOx/eIeHUIrgVoFAwFCf1BnoAspN6DA27bfr6 fuzz-ca";

    public static readonly IPAddress Source = IPAddress.Loopback;

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static CertificatePolicy Policy { get; } = CreatePolicy();

    private static CertificatePolicy CreatePolicy()
    {
        if (!PublicKeyLine.TryParse(CaPublicKeyLine, allowCertificate: false, out _, out var caBlob, out var error))
        {
            throw new InvalidOperationException($"the fuzzing CA key line does not parse: {error}");
        }

        var entries = AuthorizedKeysParser.Parse($"cert-authority,principals=\"alice\",from=\"127.0.0.0/8\" {CaPublicKeyLine}", "fuzz", null, TimeZoneInfo.Utc);
        return new CertificatePolicy(new TrustedUserCaKeys([caBlob]), _ => entries);
    }
}
