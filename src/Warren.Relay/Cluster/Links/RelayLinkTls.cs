using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Warren.Relay.Edge;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// TLS on relay links (<c>--relay-tls-cert</c>, <c>--relay-tls-key</c>, <c>--relay-tls-ca</c>):
/// the dialer is the TLS client, the acceptor the TLS server, and each end presents this node's
/// certificate and checks the other's. With a CA bundle the peer's certificate must chain to one
/// of those CAs; without one it must be exactly this node's certificate (one certificate for the
/// whole cluster). TLS gives the link confidentiality; the cluster-secret handshake still runs
/// inside it and stays the proof of membership. The files are re-read when they change, for
/// new links; links already up keep the certificate they started with.
/// </summary>
public sealed partial class RelayLinkTls : IDisposable
{
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly string? _caFile;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FileChangeWatch _files;
    private readonly List<RelayTlsMaterial> _replaced = [];
    private RelayTlsMaterial _current;

    private RelayLinkTls(string certFile, string keyFile, string? caFile, ILogger logger, RelayTlsMaterial first)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _caFile = caFile;
        _logger = logger;
        _current = first;
        _files = caFile is null ? new FileChangeWatch(CheckEvery, certFile, keyFile) : new FileChangeWatch(CheckEvery, certFile, keyFile, caFile);
    }

    /// <summary>The node's certificate subject, for the start-up line.</summary>
    public string Subject => _current.Certificate.Subject;

    /// <summary>When the node's certificate expires (local time), for the start-up line.</summary>
    public DateTime NotAfter => _current.Certificate.NotAfter;

    /// <summary>True when peers are checked against a CA bundle rather than pinned to this node's certificate.</summary>
    public bool UsesAuthorities => _caFile is not null;

    /// <summary>
    /// Loads the PEM certificate (any further certificates in the file are sent as intermediates),
    /// its PEM private key and the optional PEM CA bundle. Throws <see cref="IOException"/>,
    /// <see cref="UnauthorizedAccessException"/>, <see cref="System.Security.Cryptography.CryptographicException"/>
    /// or <see cref="ArgumentException"/> with the reason when a file is unreadable or not what it should be.
    /// The files are read again when they change (checked at most once a second, when a link
    /// starts its handshake), so a renewed certificate needs no restart; a bad new set keeps the
    /// old one and says why in <paramref name="logger"/>.
    /// </summary>
    public static RelayLinkTls Load(string certFile, string keyFile, string? caFile, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(certFile);
        ArgumentNullException.ThrowIfNull(keyFile);
        return new RelayLinkTls(certFile, keyFile, caFile, logger ?? NullLogger.Instance, RelayTlsMaterial.Read(certFile, keyFile, caFile));
    }

    /// <summary>The files' reading to use for a handshake starting now.</summary>
    private RelayTlsMaterial Current()
    {
        if (!_files.Due)
        {
            return Volatile.Read(ref _current);
        }

        lock (_gate)
        {
            if (!_files.LookForChange())
            {
                return _current;
            }

            try
            {
                var fresh = RelayTlsMaterial.Read(_certFile, _keyFile, _caFile);

                // Handshakes in flight may still hold the old reading: it is disposed with this object.
                _replaced.Add(_current);
                Volatile.Write(ref _current, fresh);
                var certificate = fresh.Certificate;
                LogReloaded(_certFile, certificate.Subject, certificate.NotAfter);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                // Files are replaced one at a time during a renewal; the next change brings the rest.
                LogReloadFailed(_certFile, e.Message);
            }

            return _current;
        }
    }

    /// <summary>
    /// The TLS handshake over a freshly connected link, as the client (<paramref name="dialer"/>)
    /// or the server. Returns the authenticated stream, or null and the reason.
    /// <paramref name="inner"/> stays owned by the caller either way.
    /// </summary>
    internal async Task<(SslStream? Stream, string? Problem)> AuthenticateAsync(Stream inner, bool dialer, CancellationToken cancellationToken)
    {
        // Off the caller's thread: an accepting link runs this from its actor, and Current() may
        // look at (and now and then read) the certificate files.
        var material = await Task.Run(Current, CancellationToken.None).ConfigureAwait(false);
        string? rejection = null;

        // The platform's verdict (errors) is set aside on purpose: it checks the host name and the
        // system's roots, neither of which is how links are trusted (see Rejection).
        bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            rejection = Rejection(material, certificate, chain);
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
                        ClientCertificateContext = material.Context,
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
                        ServerCertificateContext = material.Context,
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
        lock (_gate)
        {
            _current.Dispose();
            foreach (var material in _replaced)
            {
                material.Dispose();
            }

            _replaced.Clear();
        }
    }

    /// <summary>Null when the peer's certificate is trusted, else why not (for both ends' logs).</summary>
    // 6020-6029: relay-link TLS (RelayLinkActor has 6001-6009, RelayLinksActor 6010-6019).
    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "relay link TLS certificate reloaded from {File}: {Subject}, valid until {NotAfter} (local time); new links use it")]
    private partial void LogReloaded(string file, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "relay link TLS files changed but could not be read from {File} ({Reason}); keeping the previous certificate")]
    private partial void LogReloadFailed(string file, string reason);

    private static string? Rejection(RelayTlsMaterial material, X509Certificate? presented, X509Chain? sentChain)
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

        var own = material.Certificate;
        if (material.Authorities is not { } authorities)
        {
            return peer.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span)
                ? null
                : $"the peer's certificate {peer.Subject} ({peer.Thumbprint}) is not this node's {own.Subject} ({own.Thumbprint}); without --relay-tls-ca every node must have the same --relay-tls-cert";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);

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
