using Akka.Actor;

namespace Warren.Relay.Admin;

/// <summary>
/// Answers one <see cref="ListSessions"/>: asks every connection to describe itself and replies
/// with what came back once all have answered or stopped, or when the timeout runs out (a
/// connection that is closing does not answer). Stops itself after replying.
/// </summary>
internal sealed class SessionListCollector : ReceiveActor
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly HashSet<IActorRef> _pending;
    private readonly IActorRef _replyTo;
    private readonly List<SessionView> _views = [];

    public SessionListCollector(IReadOnlyCollection<IActorRef> connections, IActorRef replyTo)
    {
        _pending = [.. connections];
        _replyTo = replyTo;
        Receive<SessionView>(view =>
        {
            _views.Add(view);
            Done(Sender);
        });
        Receive<Terminated>(terminated => Done(terminated.ActorRef));
        Receive<ReceiveTimeout>(_ => Reply());
    }

    public static Props Props(IReadOnlyCollection<IActorRef> connections, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new SessionListCollector(connections, replyTo));

    protected override void PreStart()
    {
        if (_pending.Count == 0)
        {
            Reply();
            return;
        }

        foreach (var connection in _pending)
        {
            Context.Watch(connection);
            connection.Tell(DescribeSession.Instance);
        }

        Context.SetReceiveTimeout(Timeout);
    }

    private void Done(IActorRef connection)
    {
        if (_pending.Remove(connection) && _pending.Count == 0)
        {
            Reply();
        }
    }

    private void Reply()
    {
        _views.Sort((a, b) => string.CompareOrdinal(a.SessionId, b.SessionId));
        _replyTo.Tell(new SessionList(_views.ToArray()));
        Context.Stop(Self);
    }
}
