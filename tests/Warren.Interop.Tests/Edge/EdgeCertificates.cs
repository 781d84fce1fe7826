using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Warren.Interop.Tests.Edge;

/// <summary>Self-signed certificates made in the test: the relay's wildcard and a tunnel service's own.</summary>
internal static class EdgeCertificates
{
    public static X509Certificate2 Create(string subjectName, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Exported and re-imported so that SslStream can use the key on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate and its key as PEM files, for --tls-cert and --tls-key.</summary>
    public static void WritePem(X509Certificate2 certificate, string certFile, string keyFile)
    {
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("no EC key");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
