using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Warren.Relay.Metrics;
using Warren.Relay.Tunnels;
using Yarp.ReverseProxy.Forwarder;

namespace Warren.Relay.Edge;

/// <summary>
/// Serves one visitor request: the Host names the tunnel; the handler chooses a backend and checks
/// the owner's options of that backend before a byte goes to it (rate limit 429, <c>allow=</c> 403,
/// <c>force-https</c> redirect, <c>auth=</c> 401); then YARP's forwarder carries the request and its
/// response (WebSockets, SSE and large bodies unbuffered), and the forwarder's HTTP client reaches
/// that backend over a <see cref="TunnelStream"/> per backend connection (reuse is the handler's
/// pool, keyed by backend).
/// </summary>
internal sealed partial class EdgeHttpHandler : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly EdgeTransformer _transformer;
    private readonly ForwarderRequestConfig _config;
    private readonly string _domain;
    private readonly IReadOnlyDictionary<string, string> _customDomains;
    private readonly int? _httpsPort;
    private readonly TunnelConnector _connector;
    private readonly EdgeRateLimit _rateLimit;
    private readonly ILogger _logger;

    public EdgeHttpHandler(IHttpForwarder forwarder, TunnelConnector connector, EdgeOptions options, ILogger logger)
    {
        _forwarder = forwarder;
        _domain = options.Domain;
        _customDomains = options.CustomDomains;
        _httpsPort = options.TlsCertFile is not null && options.TlsEndPoint is { } tls ? options.PublicTlsPort ?? tls.Port : null;
        _connector = connector;
        _rateLimit = new EdgeRateLimit(options.RequestsPerSecond, options.RequestBurst);
        _logger = logger;
        _transformer = new EdgeTransformer(options.StrictTransportSecurity);

        // HTTP/1.1 to the service: a tunnel carries one TCP stream, as a local reverse proxy would see.
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = options.ActivityTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            EnableMultipleHttp2Connections = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var request = context.InitialRequestMessage.Options;
                var visitor = request.TryGetValue(EdgeTransformer.VisitorKey, out var endPoint) ? endPoint : null;
                if (!request.TryGetValue(EdgeRoute.RequestKey, out var route))
                {
                    throw new TunnelOpenException(TunnelOpenFailure.UnknownName, "a request without a route");
                }

                var result = await connector.OpenAsync(route.Name, TunnelKind.Http, route.Backend, visitor, cancellationToken).ConfigureAwait(false);
                return result.Stream ?? throw new TunnelOpenException(result.Failure, result.Reason);
            },
        });
    }

    public async Task HandleAsync(HttpContext context)
    {
        EdgeCounters.HttpRequest();
        context.Response.OnStarting(ReportStarted, (context, Stopwatch.GetTimestamp()));
        if (!EdgeHost.TryGetTunnelName(context.Request.Host.Host, _domain, _customDomains, out var name))
        {
            EdgeCounters.NotFoundAnswer();
            await EdgePages.NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        if (await ChooseBackendAsync(context, name).ConfigureAwait(false) is not { } route)
        {
            return;
        }

        context.Items[EdgeRoute.ItemKey] = route;
        var error = await _forwarder.SendAsync(context, route.Destination, _client, _config, _transformer).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        var failure = Find(exception);
        LogForwardFailed(name, error, failure?.Failure ?? TunnelOpenFailure.None, failure?.Message ?? exception?.Message ?? string.Empty);
        switch (failure?.Failure)
        {
            case TunnelOpenFailure.UnknownName:
                EdgeCounters.NotFoundAnswer();
                await EdgePages.NotFoundAsync(context).ConfigureAwait(false);
                return;
            case TunnelOpenFailure.Timeout:
                await EdgePages.GatewayTimeoutAsync(context).ConfigureAwait(false);
                return;
            case TunnelOpenFailure.Canceled:
                return;
            case TunnelOpenFailure.OverLimit:
                await EdgePages.ServiceUnavailableAsync(context).ConfigureAwait(false);
                return;
            case TunnelOpenFailure.NotAllowed:
                await EdgePages.ForbiddenAsync(context).ConfigureAwait(false);
                return;
            default:
                if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.UpgradeRequestCanceled)
                {
                    return;
                }

                EdgeCounters.BadGatewayAnswer();
                await EdgePages.BadGatewayAsync(context).ConfigureAwait(false);
                return;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _rateLimit.Dispose();
    }

    /// <summary>
    /// Chooses the backend and applies its owner's options that decide whether the request goes on
    /// at all; null when the visitor has been answered here. The order matters: the rate limit
    /// first (it protects the service and the registry), the allow-list before anything that
    /// tells the visitor more, the HTTPS redirect before credentials are asked for in the clear.
    /// </summary>
    private async Task<EdgeRoute?> ChooseBackendAsync(HttpContext context, string name)
    {
        if (!_rateLimit.TryAcquire(name, out var retryAfter))
        {
            await EdgePages.TooManyRequestsAsync(context, retryAfter).ConfigureAwait(false);
            return null;
        }

        var (failure, backend) = await _connector.ResolveAsync(name, TunnelKind.Http, context.RequestAborted).ConfigureAwait(false);
        if (backend is null)
        {
            if (failure == TunnelOpenFailure.UnknownName)
            {
                EdgeCounters.NotFoundAnswer();
                await EdgePages.NotFoundAsync(context).ConfigureAwait(false);
            }
            else if (failure == TunnelOpenFailure.Timeout)
            {
                await EdgePages.GatewayTimeoutAsync(context).ConfigureAwait(false);
            }

            return null;
        }

        var options = backend.Options;
        if (context.Connection.RemoteIpAddress is not { } visitor || !options.AllowsVisitor(visitor))
        {
            await EdgePages.ForbiddenAsync(context).ConfigureAwait(false);
            return null;
        }

        if (options.ForceHttps && !context.Request.IsHttps && _httpsPort is { } port)
        {
            RedirectToHttps(context, port);
            return null;
        }

        if (options.BasicAuth is { } auth && !BasicAuthCheck.Matches(context.Request.Headers.Authorization, auth))
        {
            await EdgePages.UnauthorizedAsync(context).ConfigureAwait(false);
            return null;
        }

        return new EdgeRoute(name, backend);
    }

    /// <summary>force-https: 308 keeps the method and body of the request at the HTTPS address.</summary>
    private static void RedirectToHttps(HttpContext context, int port)
    {
        var request = context.Request;
        var authority = port == 443 ? request.Host.Host : $"{request.Host.Host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = $"https://{authority}{request.PathBase}{request.Path}{request.QueryString}";
    }

    private static Task ReportStarted(object state)
    {
        var (context, started) = ((HttpContext, long))state;
        RelayMetrics.HttpResponded(context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        return Task.CompletedTask;
    }

    private static TunnelOpenException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TunnelOpenException open)
            {
                return open;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "edge request failed tunnel={Tunnel} error={Error} open={Failure} reason={Reason}")]
    private partial void LogForwardFailed(string tunnel, ForwarderError error, TunnelOpenFailure failure, string reason);
}
