using Akka.Actor;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// <c>/user/node/edge-http</c> and <c>/edge-tls</c>: the parent of one
/// <see cref="TunnelStreamActor"/> per visitor connection to a tunnel, and the way to the tunnel
/// registry for the HTTP edge's look-ups. Kestrel owns the listening
/// sockets; this actor owns the bridges. A failing child is stopped (its stream ends), never restarted.
/// </summary>
internal sealed class EdgeActor : ReceiveActor
{
    private readonly IActorRef _tunnels;
    private long _next;

    public EdgeActor(IActorRef tunnels)
    {
        _tunnels = tunnels;
        // The HTTP edge looks a backend up first, to check its options before it forwards.
        Receive<ResolveTunnel>(resolve => _tunnels.Forward(resolve));
        Receive<OpenTunnelStream>(open => Context.ActorOf(TunnelStreamActor.Props(open, _tunnels), "v-" + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static Props Props(IActorRef tunnels) => Akka.Actor.Props.Create(() => new EdgeActor(tunnels));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
