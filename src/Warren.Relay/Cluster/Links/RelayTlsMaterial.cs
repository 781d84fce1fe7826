using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Warren.Relay.Edge;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// One reading of the relay-link TLS files: this node's certificate with its key, the
/// intermediates after it in the certificate file, and the optional CA bundle that peers must
/// chain to. Immutable, so a link can finish its handshake on the reading it started with
/// while a newer one replaces it.
/// </summary>
internal sealed class RelayTlsMaterial : IDisposable
{
    private RelayTlsMaterial(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection? authorities)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Authorities = authorities;

        // Offline: a relay link must not wait on fetching intermediates or revocation data.
        Context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Null when peers are pinned to <see cref="Certificate"/> rather than checked against a CA bundle.</summary>
    public X509Certificate2Collection? Authorities { get; }

    public SslStreamCertificateContext Context { get; }

    /// <summary>Reads the files; throws (IOException, CryptographicException, ArgumentException, ...) with the reason.</summary>
    public static RelayTlsMaterial Read(string certFile, string keyFile, string? caFile)
    {
        var certificate = CertificateSource.Read(certFile, keyFile);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(certFile);
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        // The first is the certificate itself, already loaded with its key.
        chain[0].Dispose();

        X509Certificate2Collection? authorities = null;
        if (caFile is not null)
        {
            authorities = [];
            authorities.ImportFromPemFile(caFile);
            if (authorities.Count == 0)
            {
                throw new ArgumentException("the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        }

        return new RelayTlsMaterial(certificate, intermediates, authorities);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Intermediates)
        {
            certificate.Dispose();
        }

        foreach (var certificate in Authorities ?? [])
        {
            certificate.Dispose();
        }
    }
}
