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
    /// <summary>Props for the sessions parent.</summary>
    /// <param name="tunnels">The tunnel registry (<c>/user/node/tunnels</c>) every session binds and resolves names with.</param>
    public static Props Props(SshListenerOptions options, IActorRef tunnels, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SessionsActor(options, tunnels, logger));

    public SessionsActor(SshListenerOptions options, IActorRef tunnels, ILogger logger)
    {
        Receive<StartConnection>(start =>
            Context.ActorOf(SshConnectionActor.Props(start, options, tunnels, logger), $"conn-{start.Id}"));
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}

/// <summary>
/// An accepted socket for a new connection actor. Ownership of <see cref="Socket"/> and of the
/// startup <see cref="Lease"/> (MaxStartups) passes with the message.
/// </summary>
public sealed record StartConnection(long Id, Socket Socket, IDisposable Lease, SourcePenalties? Penalties);
