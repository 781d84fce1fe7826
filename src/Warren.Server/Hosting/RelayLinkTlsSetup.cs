using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Warren.Relay.Cluster.Links;
using Warren.Server.Configuration;

namespace Warren.Server.Hosting;

/// <summary>
/// TLS for the relay links from <c>--relay-tls-cert</c>, <c>--relay-tls-key</c> and
/// <c>--relay-tls-ca</c>, read at start (problems stop it) and again whenever the files change
/// (problems are logged and the previous certificate kept). Start-up problems are <see cref="OptionsException"/>s that
/// say the fix. The cluster secret is still required as without TLS (see
/// <see cref="RelayLinkSetup"/>): TLS hides the bytes, the secret proves membership.
/// </summary>
internal static class RelayLinkTlsSetup
{
    private const string PairHelp = "give a PEM certificate and its PEM private key (e.g. openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=warren-relay -keyout relay.key -out relay.crt -days 365), the same pair on every node unless --relay-tls-ca is given";

    /// <summary>The links' TLS, or null when neither the certificate nor the key is given.</summary>
    public static RelayLinkTls? Load(ServeOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RelayTlsCert is null && options.RelayTlsKey is null)
        {
            return options.RelayTlsCa is null
                ? null
                : throw new OptionsException("--relay-tls-ca needs --relay-tls-cert and --relay-tls-key: give this node's certificate and key too, or drop --relay-tls-ca");
        }

        if (options.RelayTlsCert is not { } cert || options.RelayTlsKey is not { } key)
        {
            throw new OptionsException("--relay-tls-cert and --relay-tls-key go together: give both (a PEM certificate and its private key) or neither");
        }

        try
        {
            return RelayLinkTls.Load(cert, key, options.RelayTlsCa, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var files = $"--relay-tls-cert {cert} / --relay-tls-key {key}" + (options.RelayTlsCa is { } ca ? $" / --relay-tls-ca {ca}" : string.Empty);
            throw new OptionsException($"{files}: {e.Message}; {PairHelp}");
        }
    }

    /// <summary>For the start-up line after the relay-link endpoint: nothing for plain links.</summary>
    public static string Describe(RelayLinkTls? tls) =>
        tls is null
            ? string.Empty
            : $", TLS as {tls.Subject} (valid until {tls.NotAfter.ToUniversalTime():u}), "
                + (tls.UsesAuthorities ? "peers checked against --relay-tls-ca" : "peers must present the same certificate");
}
