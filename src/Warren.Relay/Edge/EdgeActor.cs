using Akka.Actor;

namespace Warren.Relay.Edge;

/// <summary>
/// <c>/user/node/edge-http</c> and <c>/edge-tls</c>: the parent of one
/// <see cref="TunnelStreamActor"/> per visitor connection to a tunnel. Kestrel owns the listening
/// sockets; this actor owns the bridges. A failing child is stopped (its stream ends), never restarted.
/// </summary>
internal sealed class EdgeActor : ReceiveActor
{
    private readonly IActorRef _tunnels;
    private long _next;

    public EdgeActor(IActorRef tunnels)
    {
        _tunnels = tunnels;
        Receive<OpenTunnelStream>(open => Context.ActorOf(TunnelStreamActor.Props(open, _tunnels), "v-" + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static Props Props(IActorRef tunnels) => Akka.Actor.Props.Create(() => new EdgeActor(tunnels));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
