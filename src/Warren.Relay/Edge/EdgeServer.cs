using System.Security.Authentication;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Warren.Relay.Metrics;
using Yarp.ReverseProxy.Forwarder;

namespace Warren.Relay.Edge;

/// <summary>
/// The public edge's Kestrel server: the HTTP listener (<c>--http-listen</c>) and the TLS
/// listener (<c>--tls-listen</c>: SNI passthrough, else TLS ends here and the request is served
/// as HTTP/1.1 or HTTP/2). Kestrel owns the sockets and HTTP; the edge actors own the bridges.
/// </summary>
public sealed class EdgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EdgeHttpHandler _handler;

    private EdgeServer(WebApplication app, EdgeHttpHandler handler)
    {
        _app = app;
        _handler = handler;
    }

    /// <summary>
    /// Binds the listeners and starts serving. <paramref name="httpEdge"/> and
    /// <paramref name="tlsEdge"/> are <c>/user/node/edge-http</c> and <c>/edge-tls</c>.
    /// Throws when a listener cannot bind or the certificate cannot be read (start-up errors).
    /// </summary>
    public static async Task<EdgeServer> StartAsync(EdgeOptions options, IActorRef httpEdge, IActorRef tlsEdge, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("Warren.Edge");
        var certificates = options.TlsCertFile is { } cert && options.TlsKeyFile is { } key
            ? CertificateSource.Load(cert, key, logger)
            : null;
        var limit = new VisitorConnectionLimit(options.MaxConnectionsPerAddress, logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // Per-request logs of Kestrel and YARP are noise at a relay (and a visitor's bad request is not a warning).
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error)
            .AddFilter("Yarp", LogLevel.Error);
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.RequestHeadersTimeout = options.HeaderTimeout;
            limits.KeepAliveTimeout = options.KeepAliveTimeout;
            limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize;

            // Bodies stream through to the tunnel; their size is the service's business.
            limits.MaxRequestBodySize = null;
            if (options.HttpEndPoint is { } http)
            {
                kestrel.Listen(http, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.Use(limit.For(RelayEdge.Http));
                });
            }

            if (options.TlsEndPoint is { } tls)
            {
                var router = new TlsEdgeRouter(new TunnelConnector(tlsEdge), options, certificates is not null, logger);
                kestrel.Listen(tls, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.Use(limit.For(RelayEdge.Tls));
                    listen.Use(router.Wrap);
                    if (certificates is not null)
                    {
                        listen.UseHttps(new HttpsConnectionAdapterOptions
                        {
                            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                            ServerCertificateSelector = (_, _) => certificates.Current,
                            HandshakeTimeout = options.HeaderTimeout,
                        });
                    }
                });
            }
        });

        var app = builder.Build();
        var handler = new EdgeHttpHandler(
            app.Services.GetRequiredService<IHttpForwarder>(), new TunnelConnector(httpEdge), options, logger);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            handler.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new EdgeServer(app, handler);
    }

    /// <summary>Stops accepting visitors and closes their connections.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _handler.Dispose();
    }
}
