using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Warren.Relay.Edge;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// TLS on relay links (<c>--relay-tls-cert</c>, <c>--relay-tls-key</c>, <c>--relay-tls-ca</c>):
/// the dialer is the TLS client, the acceptor the TLS server, and each end presents this node's
/// certificate and checks the other's. With a CA bundle the peer's certificate must chain to one
/// of those CAs; without one it must be exactly this node's certificate (one certificate for the
/// whole cluster). TLS gives the link confidentiality; the cluster-secret handshake still runs
/// inside it and stays the proof of membership.
/// </summary>
public sealed class RelayLinkTls : IDisposable
{
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _intermediates;
    private readonly X509Certificate2Collection? _authorities;
    private readonly SslStreamCertificateContext _context;

    private RelayLinkTls(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection? authorities)
    {
        _certificate = certificate;
        _intermediates = intermediates;
        _authorities = authorities;

        // Offline: a relay link must not wait on fetching intermediates or revocation data.
        _context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    /// <summary>The node's certificate subject, for the start-up line.</summary>
    public string Subject => _certificate.Subject;

    /// <summary>When the node's certificate expires (local time), for the start-up line.</summary>
    public DateTime NotAfter => _certificate.NotAfter;

    /// <summary>True when peers are checked against a CA bundle rather than pinned to this node's certificate.</summary>
    public bool UsesAuthorities => _authorities is not null;

    /// <summary>
    /// Loads the PEM certificate (any further certificates in the file are sent as intermediates),
    /// its PEM private key and the optional PEM CA bundle. Throws <see cref="IOException"/>,
    /// <see cref="UnauthorizedAccessException"/>, <see cref="System.Security.Cryptography.CryptographicException"/>
    /// or <see cref="ArgumentException"/> with the reason when a file is unreadable or not what it should be.
    /// </summary>
    public static RelayLinkTls Load(string certFile, string keyFile, string? caFile)
    {
        ArgumentNullException.ThrowIfNull(certFile);
        ArgumentNullException.ThrowIfNull(keyFile);
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

        return new RelayLinkTls(certificate, intermediates, authorities);
    }

    /// <summary>
    /// The TLS handshake over a freshly connected link, as the client (<paramref name="dialer"/>)
    /// or the server. Returns the authenticated stream, or null and the reason.
    /// <paramref name="inner"/> stays owned by the caller either way.
    /// </summary>
    internal async Task<(SslStream? Stream, string? Problem)> AuthenticateAsync(Stream inner, bool dialer, CancellationToken cancellationToken)
    {
        string? rejection = null;

        // The platform's verdict (errors) is set aside on purpose: it checks the host name and the
        // system's roots, neither of which is how links are trusted (see Rejection).
        bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            rejection = Rejection(certificate, chain);
            return rejection is null;
        }

        var stream = new SslStream(inner, leaveInnerStreamOpen: true);
        try
        {
            if (dialer)
            {
                await stream.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        // Nodes dial each other by IP (pod IPs, 127.0.0.x), which no certificate
                        // names, so the host name is not checked: trust comes from the pinned
                        // certificate or the CA bundle alone. Hence no SNI name either.
                        TargetHost = string.Empty,
                        EnabledSslProtocols = Protocols,
                        ClientCertificateContext = _context,
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                        RemoteCertificateValidationCallback = Check,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await stream.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = _context,
                        EnabledSslProtocols = Protocols,
                        ClientCertificateRequired = true,
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                        RemoteCertificateValidationCallback = Check,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            return (stream, null);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return (null, "TLS handshake failed: " + (rejection ?? e.GetBaseException().Message));
        }
        catch (OperationCanceledException)
        {
            // The link's connect timeout (or the node stopping, when nobody reads the reason).
            await stream.DisposeAsync().ConfigureAwait(false);
            return (null, "TLS handshake did not finish within the connect timeout");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _certificate.Dispose();
        foreach (var certificate in _intermediates)
        {
            certificate.Dispose();
        }

        foreach (var certificate in _authorities ?? [])
        {
            certificate.Dispose();
        }
    }

    /// <summary>Null when the peer's certificate is trusted, else why not (for both ends' logs).</summary>
    private string? Rejection(X509Certificate? presented, X509Chain? sentChain)
    {
        if (presented is null)
        {
            return "the peer presented no certificate (is --relay-tls-cert set on every node?)";
        }
        if (presented is not X509Certificate2 peer)
        {
            return "the peer's certificate could not be read";
        }

        var now = DateTime.Now;
        if (now < peer.NotBefore || now > peer.NotAfter)
        {
            return $"the peer's certificate {peer.Subject} is not valid now (valid {peer.NotBefore:u} to {peer.NotAfter:u})";
        }

        if (_authorities is null)
        {
            return peer.RawDataMemory.Span.SequenceEqual(_certificate.RawDataMemory.Span)
                ? null
                : $"the peer's certificate {peer.Subject} ({peer.Thumbprint}) is not this node's {_certificate.Subject} ({_certificate.Thumbprint}); without --relay-tls-ca every node must have the same --relay-tls-cert";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);

        // A cluster's private CA publishes no revocation lists; a node is removed by reissuing.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (sentChain is not null)
        {
            // The intermediates the peer sent, so that a chain through them can be built.
            chain.ChainPolicy.ExtraStore.AddRange(sentChain.ChainPolicy.ExtraStore);
        }

        if (chain.Build(peer))
        {
            return null;
        }

        var status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].StatusInformation.Trim() : "no chain";
        return $"the peer's certificate {peer.Subject} does not chain to --relay-tls-ca: {status}";
    }
}
