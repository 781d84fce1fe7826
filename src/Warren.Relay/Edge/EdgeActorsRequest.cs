using Akka.Actor;

namespace Warren.Relay.Edge;

/// <summary>Asks the node guardian for its edge actors; answered with <see cref="EdgeActors"/>.</summary>
public sealed record EdgeActorsRequest
{
    public static EdgeActorsRequest Instance { get; } = new();
}

/// <summary><c>/user/node/edge-http</c> and <c>/edge-tls</c>, for the host that starts the edge's Kestrel server.</summary>
public sealed record EdgeActors(IActorRef Http, IActorRef Tls);
