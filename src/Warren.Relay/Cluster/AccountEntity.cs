using Akka.Actor;
using Akka.Cluster.Sharding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// The sharded entity ("account") for ONE account, cluster-wide: its live tunnel names and the
/// names it has reserved for binds in flight (the per-account tunnel limit), and its live
/// sessions on every node (the per-account session limit, and the index behind the admin API).
/// </summary>
/// <remarks>
/// A bind passes through here on its way to the tunnel entity, so two binds of one account on
/// two nodes are counted one after the other (the entity is single-writer). The tunnel's
/// <see cref="TunnelOwnership"/> reports confirm a reservation (live) or drop it (the bind
/// lost). A reservation that no report settles (its message was lost with a node) lapses
/// after <see cref="ReservationLapse"/>. Nothing is persisted: an entity that moves or is lost
/// starts empty and counts again from the next reports, so for a while after a node loss an
/// account may exceed its limit by the names it had; it is never refused wrongly.
/// Sessions register once admitted (<see cref="RegisterSession"/>); the entity watches each
/// session's actor, so a session that ends, or whose node dies, leaves the index when its
/// Terminated arrives. The nodes watch the entity in turn and register their sessions again
/// when it is lost (<see cref="Sessions.SessionsActor"/>).
/// The entity passivates itself when it holds no name and no session.
/// </remarks>
internal sealed class AccountEntity : ReceiveActor
{
    private static readonly TimeSpan ReservationLapse = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly IActorRef _tunnels;

    // Name -> when it was reserved, or null once a tunnel reported it live.
    private readonly Dictionary<string, DateTimeOffset?> _names = new(StringComparer.Ordinal);

    // The account's live sessions, on any node, by their connection actor.
    private readonly Dictionary<IActorRef, IndexedSession> _sessions = [];

    public AccountEntity(TimeProvider time, IActorRef tunnels)
    {
        _time = time;
        _tunnels = tunnels;
        Receive<ReserveTunnel>(OnReserve);
        Receive<TunnelOwnership>(OnOwnership);
        Receive<RegisterSession>(OnRegister);
        Receive<ListAccount>(OnList);
        Receive<Admin.DescribeAccountSessions>(OnDescribe);
        Receive<Terminated>(OnSessionStopped);
    }

    public static Props Props(TimeProvider time, IActorRef tunnels) =>
        Akka.Actor.Props.Create(() => new AccountEntity(time, tunnels));

    private void OnReserve(ReserveTunnel m)
    {
        DropLapsedReservations();
        var name = m.Bind.Name;
        if (!_names.ContainsKey(name) && _names.Count >= m.Limit)
        {
            Sender.Tell(new TunnelBindRefused(name, m.LimitReason, m.Bind.Backend));
            return;
        }

        if (!_names.TryGetValue(name, out var reserved) || reserved is not null)
        {
            _names[name] = _time.GetUtcNow();
        }

        _tunnels.Tell(m.Bind, Sender);
    }

    private void OnOwnership(TunnelOwnership m)
    {
        if (m.Live)
        {
            _names[m.Name] = null;
            return;
        }

        _names.Remove(m.Name);
        PassivateIfEmpty();
    }

    private void OnRegister(RegisterSession m)
    {
        if (!_sessions.ContainsKey(m.Session) && !m.Readmit && _sessions.Count >= m.Limit)
        {
            Sender.Tell(new SessionRegistrationRefused(m.Session, m.LimitReason));
            PassivateIfEmpty();
            return;
        }

        _sessions[m.Session] = new IndexedSession(m.SessionId, m.Node, m.Remote, m.StartedAt);
        Context.Watch(m.Session);
        Sender.Tell(new SessionRegistered(m.Session));
    }

    private void OnList(ListAccount m)
    {
        DropLapsedReservations();
        var sessions = new List<IndexedSession>(_sessions.Values);
        sessions.Sort((a, b) => string.CompareOrdinal(a.Node + "/" + a.SessionId, b.Node + "/" + b.SessionId));
        var names = new List<string>(_names.Keys);
        names.Sort(StringComparer.Ordinal);
        Sender.Tell(new AccountIndex(m.Account, sessions, names));
        PassivateIfEmpty();
    }

    private void OnDescribe(Admin.DescribeAccountSessions m)
    {
        if (_sessions.Count == 0)
        {
            Sender.Tell(new Admin.SessionList([]));
            PassivateIfEmpty();
            return;
        }

        // A session ends or its node goes while the collector waits: it answers with the others.
        Context.ActorOf(Admin.SessionListCollector.Props(_sessions.Keys.ToArray(), Sender));
    }

    private void OnSessionStopped(Terminated m)
    {
        // A session that ended, or whose node left or was downed: out of the index at once.
        if (_sessions.Remove(m.ActorRef))
        {
            PassivateIfEmpty();
        }
    }

    private void DropLapsedReservations()
    {
        var now = _time.GetUtcNow();
        List<string>? lapsed = null;
        foreach (var (name, reservedAt) in _names)
        {
            if (reservedAt is { } at && now - at > ReservationLapse)
            {
                (lapsed ??= []).Add(name);
            }
        }

        foreach (var name in lapsed ?? [])
        {
            _names.Remove(name);
        }
    }

    private void PassivateIfEmpty()
    {
        if (_names.Count == 0 && _sessions.Count == 0)
        {
            // The shard buffers what arrives meanwhile and starts a new entity for it.
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }
}
