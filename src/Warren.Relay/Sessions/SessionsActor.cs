using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Admin;
using Warren.Relay.Listeners;

namespace Warren.Relay.Sessions;

/// <summary>
/// <c>/user/node/sessions</c>: the parent of every connection on this node. A connection whose
/// actor fails is stopped alone; the others go on. It also counts each account's authenticated
/// sessions (<see cref="AdmitSession"/>) against <see cref="SessionLimits.SessionsPerAccount"/>:
/// on this node alone, or, given the "account" shard region, cluster-wide (see the partial
/// <c>SessionsActor.Accounts.cs</c>).
/// </summary>
public sealed partial class SessionsActor : ReceiveActor, IWithTimers
{
    private readonly AccountSessions _accounts;

    // Who asked for a drain (the node guardian's asker); non-empty once draining.
    private readonly List<IActorRef> _drainedTo = [];

    /// <summary>Props for the sessions parent.</summary>
    /// <param name="tunnels">The tunnel registry (<c>/user/node/tunnels</c>) every session binds and resolves names with.</param>
    /// <param name="accountRegion">The "account" shard region in a cluster; null counts sessions on this node only.</param>
    public static Props Props(SshListenerOptions options, IActorRef tunnels, ILogger logger, IActorRef? accountRegion = null) =>
        Akka.Actor.Props.Create(() => new SessionsActor(options, tunnels, logger, accountRegion));

    public SessionsActor(SshListenerOptions options, IActorRef tunnels, ILogger logger, IActorRef? accountRegion = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _accounts = new AccountSessions(options.Limits);
        _limits = options.Limits;
        _accountRegion = accountRegion;
        Receive<StartConnection>(start =>
        {
            var connection = Context.Watch(Context.ActorOf(SshConnectionActor.Props(start, options, tunnels, logger), $"conn-{start.Id}"));
            if (_drainedTo.Count > 0)
            {
                // Accepted just before the listener stopped: it goes the way of the others.
                connection.Tell(DrainSession.Instance);
            }
        });
        Receive<AdmitSession>(admit =>
        {
            if (_accountRegion is not null)
            {
                Register(Sender, admit);
                return;
            }

            Sender.Tell(_accounts.TryAdmit(Sender, admit.Account, out var reason)
                ? SessionAdmitted.Instance
                : new SessionRefused(reason));
        });
        AccountMessages();
        Receive<Terminated>(terminated =>
        {
            _accounts.Remove(terminated.ActorRef);
            if (OnAccountEntityOrSessionStopped(terminated.ActorRef))
            {
                return;
            }

            ReplyIfDrained();
        });
        Receive<DrainSessions>(_ => OnDrain());

        // The admin API: a list collects every connection's own answer; the others go to one connection by id.
        Receive<ListSessions>(_ => Context.ActorOf(SessionListCollector.Props(Connections(), Sender)));
        Receive<DescribeAccountSessions>(describe =>
        {
            if (_accountRegion is not null)
            {
                _accountRegion.Forward(describe);
                return;
            }

            Context.ActorOf(SessionListCollector.Props(_accounts.SessionsOf(describe.Account), Sender));
        });
        Receive<DisconnectSession>(disconnect => ToConnection(disconnect.SessionId, disconnect));
        Receive<ReleaseTunnel>(release => ToConnection(release.SessionId, release));
    }

    /// <summary>The connection children (the others are list collectors).</summary>
    private static List<IActorRef> Connections() =>
        Context.GetChildren().Where(child => child.Path.Name.StartsWith("conn-", StringComparison.Ordinal)).ToList();

    private void ToConnection(string sessionId, object message)
    {
        // Ids are actor names (conn-N); anything else, paths and wildcards included, names no connection.
        var connection = sessionId.StartsWith("conn-", StringComparison.Ordinal) && sessionId.Length > 5 && sessionId.AsSpan(5).IndexOfAnyExceptInRange('0', '9') < 0
            ? Context.Child(sessionId)
            : ActorRefs.Nobody;
        if (connection.IsNobody())
        {
            Sender.Tell(new SessionNotFound(sessionId));
            return;
        }

        connection.Forward(message);
    }

    private void OnDrain()
    {
        _drainedTo.Add(Sender);
        foreach (var connection in Connections())
        {
            connection.Tell(DrainSession.Instance);
        }

        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        // Terminated arrives only after the child has left the children list.
        if (Connections().Count == 0)
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
