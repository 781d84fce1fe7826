using Microsoft.AspNetCore.Http;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// The backend the HTTP edge chose for one request, whose options it has checked: the transformer
/// shapes the request by its options, and the forwarder's connect callback opens its channel to
/// this backend and no other.
/// </summary>
internal sealed record EdgeRoute(string Name, TunnelBackend Backend)
{
    /// <summary>Where the route waits in <see cref="HttpContext.Items"/> for the transformer.</summary>
    public static readonly object ItemKey = new();

    /// <summary>Where it travels on the outgoing request, for the connect callback.</summary>
    public static readonly HttpRequestOptionsKey<EdgeRoute> RequestKey = new("warren.route");

    /// <summary>
    /// The forwarder's destination: one host per backend, so the client's connection pool (keyed by
    /// host) never sends a request checked against one pool member over another member's
    /// connection. The host is never sent: the request's Host header is set by the transformer.
    /// </summary>
    public string Destination => $"http://{Name}.b{(uint)Backend.GetHashCode():x8}/";
}
