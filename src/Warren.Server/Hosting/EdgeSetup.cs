using System.Security.Cryptography;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Edge;
using Warren.Server.Configuration;

namespace Warren.Server.Hosting;

/// <summary>Starts the public edge (HTTP and TLS listeners) from the serve options; problems become <see cref="OptionsException"/>s that name the flag.</summary>
internal static class EdgeSetup
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <remarks>
    /// Start-up is not cancelled by a stop request (SIGTERM right after start): it takes moments,
    /// and the host then stops the started edge in its normal shutdown, with exit code 0.
    /// </remarks>
    public static async Task<EdgeServer> StartAsync(ServeOptions options, IActorRef node, ILoggerFactory loggers)
    {
        var edge = Create(options);
        // Asked of the node rather than looked up by path: its children exist once it handles a message.
        var edges = await node.Ask<EdgeActors>(EdgeActorsRequest.Instance, AskTimeout).ConfigureAwait(false);
        try
        {
            return await EdgeServer.StartAsync(edge, edges.Http, edges.Tls, loggers, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsException($"cannot listen on {options.HttpListen}{(options.TlsListen is null ? string.Empty : " or " + options.TlsListen)}: {e.Message}; choose another --http-listen or --tls-listen");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new OptionsException($"--tls-cert {options.TlsCert} / --tls-key {options.TlsKey}: {e.Message}; give a PEM certificate and its PEM private key");
        }
    }

    /// <summary>The edge settings from the serve options.</summary>
    public static EdgeOptions Create(ServeOptions options)
    {
        if ((options.TlsCert is null) != (options.TlsKey is null))
        {
            throw new OptionsException("--tls-cert and --tls-key go together: give both (a PEM certificate and its private key) or neither");
        }

        return new EdgeOptions
        {
            Domain = options.Domain,
            CustomDomains = options.CustomDomains,
            HttpEndPoint = HostEndPoints.Resolve(options.HttpListen, "--http-listen"),
            TlsEndPoint = options.TlsListen is { } tls ? HostEndPoints.Resolve(tls, "--tls-listen") : null,
            TlsCertFile = options.TlsCert,
            PublicTlsPort = options.PublicTlsPort,
            TlsKeyFile = options.TlsKey,
            HeaderTimeout = TimeSpan.FromSeconds(options.HttpHeaderTimeoutSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(options.HttpKeepAliveSeconds),
            MaxConnectionsPerAddress = options.EdgeMaxConnectionsPerAddress,
            RequestsPerSecond = options.EdgeRequestsPerSecond,
            RequestBurst = options.EdgeRequestBurst,
        };
    }
}
