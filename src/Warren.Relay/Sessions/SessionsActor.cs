using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Listeners;

namespace Warren.Relay.Sessions;

/// <summary>
/// <c>/user/node/sessions</c>: the parent of every connection on this node. A connection whose
/// actor fails is stopped alone; the others go on. It also counts each account's authenticated
/// sessions (<see cref="AdmitSession"/>) against <see cref="SessionLimits.SessionsPerAccount"/>.
/// </summary>
public sealed class SessionsActor : ReceiveActor
{
    private readonly AccountSessions _accounts;

    /// <summary>Props for the sessions parent.</summary>
    /// <param name="tunnels">The tunnel registry (<c>/user/node/tunnels</c>) every session binds and resolves names with.</param>
    public static Props Props(SshListenerOptions options, IActorRef tunnels, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SessionsActor(options, tunnels, logger));

    public SessionsActor(SshListenerOptions options, IActorRef tunnels, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _accounts = new AccountSessions(options.Limits);
        Receive<StartConnection>(start =>
            Context.Watch(Context.ActorOf(SshConnectionActor.Props(start, options, tunnels, logger), $"conn-{start.Id}")));
        Receive<AdmitSession>(admit =>
        {
            Sender.Tell(_accounts.TryAdmit(Sender, admit.Account, out var reason)
                ? SessionAdmitted.Instance
                : new SessionRefused(reason));
        });
        Receive<Terminated>(terminated => _accounts.Remove(terminated.ActorRef));
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}

/// <summary>
/// An accepted socket for a new connection actor. Ownership of <see cref="Socket"/> and of the
/// startup <see cref="Lease"/> (MaxStartups) passes with the message.
/// </summary>
public sealed record StartConnection(long Id, Socket Socket, IDisposable Lease, SourcePenalties? Penalties);
