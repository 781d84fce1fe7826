using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Warren.Relay.Metrics;
using Warren.Relay.Tunnels;
using Yarp.ReverseProxy.Forwarder;

namespace Warren.Relay.Edge;

/// <summary>
/// Serves one visitor request: the Host names the tunnel, YARP's forwarder carries the request
/// and its response (WebSockets, SSE and large bodies unbuffered), and the forwarder's HTTP client
/// reaches the tunnel's service over a <see cref="TunnelStream"/> per backend connection (reuse is
/// the handler's pool, keyed by tunnel name).
/// </summary>
internal sealed partial class EdgeHttpHandler : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly EdgeTransformer _transformer;
    private readonly ForwarderRequestConfig _config;
    private readonly string _domain;
    private readonly ILogger _logger;

    public EdgeHttpHandler(IHttpForwarder forwarder, TunnelConnector connector, EdgeOptions options, ILogger logger)
    {
        _forwarder = forwarder;
        _domain = options.Domain;
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
                var visitor = context.InitialRequestMessage.Options.TryGetValue(EdgeTransformer.VisitorKey, out var endPoint) ? endPoint : null;
                var result = await connector.OpenAsync(context.DnsEndPoint.Host, TunnelKind.Http, visitor, cancellationToken).ConfigureAwait(false);
                return result.Stream ?? throw new TunnelOpenException(result.Failure, result.Reason);
            },
        });
    }

    public async Task HandleAsync(HttpContext context)
    {
        EdgeCounters.HttpRequest();
        context.Response.OnStarting(ReportStarted, (context, Stopwatch.GetTimestamp()));
        if (!EdgeHost.TryGetTunnelName(context.Request.Host.Host, _domain, out var name))
        {
            EdgeCounters.NotFoundAnswer();
            await EdgePages.NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        var error = await _forwarder.SendAsync(context, $"http://{name}/", _client, _config, _transformer).ConfigureAwait(false);
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

    public void Dispose() => _client.Dispose();

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
