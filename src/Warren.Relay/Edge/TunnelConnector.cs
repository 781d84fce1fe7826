using System.Net;
using Akka.Actor;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// Opens <see cref="TunnelStream"/>s for the edge's non-actor code (Kestrel callbacks, the
/// forwarder's connect callback). Thread-safe: it only sends messages.
/// </summary>
internal sealed class TunnelConnector
{
    private readonly IActorRef _edge;

    public TunnelConnector(IActorRef edge)
    {
        _edge = edge;
    }

    /// <summary>Opens a stream to tunnel <paramref name="name"/> of <paramref name="kind"/> for <paramref name="visitor"/>. Never throws; the result says why not.</summary>
    public Task<TunnelOpenResult> OpenAsync(string name, TunnelKind kind, IPEndPoint? visitor, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<TunnelOpenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var address = visitor?.Address.IsIPv4MappedToIPv6 == true ? visitor.Address.MapToIPv4() : visitor?.Address;
        _edge.Tell(new OpenTunnelStream(name, kind, address?.ToString() ?? "0.0.0.0", (uint)(visitor?.Port ?? 0), result, cancellationToken));
        return result.Task;
    }
}
