using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Warren.Relay.Edge;

/// <summary>
/// The certificate for TLS that ends at the relay, from PEM files, re-read when either file
/// changes (checked at most once a second, on a handshake). A bad new pair keeps the old one.
/// </summary>
internal sealed partial class CertificateSource
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FileChangeWatch _files;
    private X509Certificate2 _current;

    private CertificateSource(string certFile, string keyFile, ILogger logger, X509Certificate2 first)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _logger = logger;
        _current = first;
        _files = new FileChangeWatch(CheckEvery, certFile, keyFile);
    }

    /// <summary>Loads the pair; throws with a message for the operator when it cannot (start-up).</summary>
    public static CertificateSource Load(string certFile, string keyFile, ILogger logger)
    {
        return new CertificateSource(certFile, keyFile, logger, Read(certFile, keyFile));
    }

    /// <summary>The certificate to present now.</summary>
    public X509Certificate2 Current
    {
        get
        {
            if (!_files.Due)
            {
                return _current;
            }

            lock (_gate)
            {
                if (_files.LookForChange())
                {
                    try
                    {
                        _current = Read(_certFile, _keyFile);
                        LogReloaded(_certFile, _current.Subject, _current.NotAfter);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
                    {
                        // Half-written files are normal during a renewal; the next change brings the rest.
                        LogReloadFailed(_certFile, e.Message);
                    }
                }

                return _current;
            }
        }
    }

    /// <summary>A PEM certificate and its PEM key, ready for SslStream; throws when they cannot be read.</summary>
    internal static X509Certificate2 Read(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);

        // Re-imported so that SslStream on Linux can use the key without an ephemeral-key limitation.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "edge TLS certificate reloaded from {File}: {Subject}, valid until {NotAfter:u}")]
    private partial void LogReloaded(string file, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "edge TLS certificate in {File} changed but could not be read ({Reason}); keeping the previous one")]
    private partial void LogReloadFailed(string file, string reason);
}
