using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Listeners;

namespace Warren.Relay.Sessions;

/// <summary>
/// <c>/user/node/sessions</c>: the parent of every connection on this node. A connection whose
/// actor fails is stopped alone; the others go on.
/// </summary>
public sealed class SessionsActor : ReceiveActor
{
    // Who asked for a drain (the node guardian's asker); non-empty once draining.
    private readonly List<IActorRef> _drainedTo = [];

    /// <summary>Props for the sessions parent.</summary>
    /// <param name="tunnels">The tunnel registry (<c>/user/node/tunnels</c>) every session binds and resolves names with.</param>
    public static Props Props(SshListenerOptions options, IActorRef tunnels, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SessionsActor(options, tunnels, logger));

    public SessionsActor(SshListenerOptions options, IActorRef tunnels, ILogger logger)
    {
        Receive<StartConnection>(start =>
        {
            var connection = Context.ActorOf(SshConnectionActor.Props(start, options, tunnels, logger), $"conn-{start.Id}");
            if (_drainedTo.Count > 0)
            {
                // Accepted just before the listener stopped: it goes the way of the others.
                Context.Watch(connection);
                connection.Tell(DrainSession.Instance);
            }
        });
        Receive<DrainSessions>(_ => OnDrain());
        Receive<Terminated>(_ => ReplyIfDrained());
    }

    private void OnDrain()
    {
        _drainedTo.Add(Sender);
        foreach (var connection in Context.GetChildren())
        {
            Context.Watch(connection);
            connection.Tell(DrainSession.Instance);
        }

        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        // Terminated arrives only after the child has left the children list.
        if (!Context.GetChildren().Any())
        {
            foreach (var asker in _drainedTo)
            {
                asker.Tell(SessionsDrained.Instance);
            }
        }
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}

/// <summary>
/// An accepted socket for a new connection actor. Ownership of <see cref="Socket"/> and of the
/// startup <see cref="Lease"/> (MaxStartups) passes with the message.
/// </summary>
public sealed record StartConnection(long Id, Socket Socket, IDisposable Lease, SourcePenalties? Penalties);
