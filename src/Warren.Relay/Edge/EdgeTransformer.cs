using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Warren.Relay.Edge;

/// <summary>
/// Shapes the request to a tunnel's service and its response: keeps the visitor's Host (or the
/// owner's <c>host-header=</c>), replaces any forwarded headers the visitor sent with the relay's
/// own (the relay is the first proxy the service can trust; none with <c>forwarded=off</c>), and
/// adds Strict-Transport-Security when TLS ended at the relay.
/// </summary>
internal sealed class EdgeTransformer : HttpTransformer
{
    /// <summary>The visitor's address, for the forwarder's connect callback (the originator of the channel).</summary>
    public static readonly HttpRequestOptionsKey<IPEndPoint> VisitorKey = new("warren.visitor");

    private static readonly string[] ForwardedHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Real-IP", "Forwarded"];

    private readonly string _strictTransportSecurity;

    public EdgeTransformer(string strictTransportSecurity)
    {
        _strictTransportSecurity = strictTransportSecurity;
    }

    /// <inheritdoc />
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var request = httpContext.Request;
        var connection = httpContext.Connection;
        var address = connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : connection.RemoteIpAddress;
        if (address is not null)
        {
            proxyRequest.Options.Set(VisitorKey, new IPEndPoint(address, connection.RemotePort));
        }

        var options = EdgeTunnelOptions.Default;
        if (httpContext.Items.TryGetValue(EdgeRoute.ItemKey, out var item) && item is EdgeRoute route)
        {
            proxyRequest.Options.Set(EdgeRoute.RequestKey, route);
            options = route.Backend.Options;
        }

        // The service sees the host the visitor asked for, as behind any reverse proxy, unless its owner said host-header=.
        proxyRequest.Headers.Host = options.HostHeader ?? request.Host.Value;
        var headers = proxyRequest.Headers;
        foreach (var header in ForwardedHeaders)
        {
            headers.Remove(header);
        }

        if (!options.ForwardedHeaders)
        {
            // forwarded=off: none at all, not even the visitor's own.
            return;
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? string.Empty;
        var ip = address?.ToString() ?? "unknown";
        headers.TryAddWithoutValidation("X-Forwarded-For", ip);
        headers.TryAddWithoutValidation("X-Forwarded-Proto", scheme);
        headers.TryAddWithoutValidation("X-Forwarded-Host", host);

        // RFC 7239 §6: an IPv6 node is quoted and bracketed.
        var node = address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"\"[{ip}]\"" : ip;
        headers.TryAddWithoutValidation("Forwarded", $"for={node};proto={scheme};host=\"{host}\"");
    }

    /// <inheritdoc />
    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (httpContext.Request.IsHttps)
        {
            httpContext.Response.Headers.StrictTransportSecurity = _strictTransportSecurity;
        }

        return proceed;
    }
}
