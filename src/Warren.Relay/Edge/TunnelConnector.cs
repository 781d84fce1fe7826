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
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    private readonly IActorRef _edge;

    public TunnelConnector(IActorRef edge)
    {
        _edge = edge;
    }

    /// <summary>Opens a stream to tunnel <paramref name="name"/> of <paramref name="kind"/> for <paramref name="visitor"/>. Never throws; the result says why not.</summary>
    public Task<TunnelOpenResult> OpenAsync(string name, TunnelKind kind, IPEndPoint? visitor, CancellationToken cancellationToken) =>
        OpenAsync(name, kind, null, visitor, cancellationToken);

    /// <summary>Opens a stream to <paramref name="backend"/> of tunnel <paramref name="name"/> (chosen and checked already); null resolves the name. Never throws.</summary>
    public Task<TunnelOpenResult> OpenAsync(string name, TunnelKind kind, TunnelBackend? backend, IPEndPoint? visitor, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<TunnelOpenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var address = visitor?.Address.IsIPv4MappedToIPv6 == true ? visitor.Address.MapToIPv4() : visitor?.Address;
        _edge.Tell(new OpenTunnelStream(name, kind, address?.ToString() ?? "0.0.0.0", (uint)(visitor?.Port ?? 0), result, cancellationToken) { Backend = backend });
        return result.Task;
    }

    /// <summary>
    /// Chooses a backend of tunnel <paramref name="name"/> for a visitor at a public edge (the
    /// next in the pool), with its options. Never throws: <see cref="TunnelOpenFailure.UnknownName"/>
    /// when there is none of <paramref name="kind"/>, <see cref="TunnelOpenFailure.Timeout"/> when
    /// the registry did not answer.
    /// </summary>
    public async Task<(TunnelOpenFailure Failure, TunnelBackend? Backend)> ResolveAsync(string name, TunnelKind kind, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _edge.Ask<object>(new ResolveTunnel(name, null), ResolveTimeout, cancellationToken).ConfigureAwait(false);
            return answer is TunnelResolved resolved && resolved.Kind == kind
                ? (TunnelOpenFailure.None, resolved.Backend)
                : (TunnelOpenFailure.UnknownName, null);
        }
        catch (AskTimeoutException)
        {
            return (TunnelOpenFailure.Timeout, null);
        }
        catch (OperationCanceledException)
        {
            return (TunnelOpenFailure.Canceled, null);
        }
    }
}
