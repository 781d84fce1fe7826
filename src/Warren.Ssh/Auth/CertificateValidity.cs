namespace Warren.Ssh.Auth;

/// <summary>A certificate's validity window against the server's clock, with a tolerated skew.</summary>
internal static class CertificateValidity
{
    /// <summary>
    /// <c>valid_after - skew &lt;= now &lt; valid_before + skew</c> in whole seconds, as sshd compares
    /// with time(NULL); <paramref name="reason"/> says which end failed.
    /// </summary>
    public static bool IsWithin(OpenSshCertificate certificate, DateTimeOffset now, ulong skewSeconds, out string reason)
    {
        var seconds = now.ToUnixTimeSeconds();
        var nowSeconds = seconds < 0 ? 0UL : (ulong)seconds;

        // Saturating arithmetic: valid_before is often ulong.MaxValue ("forever").
        var notBefore = certificate.ValidAfter <= skewSeconds ? 0UL : certificate.ValidAfter - skewSeconds;
        var notAfter = certificate.ValidBefore >= ulong.MaxValue - skewSeconds ? ulong.MaxValue : certificate.ValidBefore + skewSeconds;
        if (nowSeconds < notBefore)
        {
            reason = $"not yet valid (valid after {Describe(certificate.ValidAfter)})";
            return false;
        }

        if (nowSeconds >= notAfter)
        {
            reason = $"expired (valid before {Describe(certificate.ValidBefore)})";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static string Describe(ulong unixSeconds) =>
        unixSeconds > 253402300799UL
            ? "forever"
            : DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("u", System.Globalization.CultureInfo.InvariantCulture);
}
