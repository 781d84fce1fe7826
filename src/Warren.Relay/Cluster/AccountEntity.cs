using Akka.Actor;
using Akka.Cluster.Sharding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// The sharded entity ("account") for ONE account: its live tunnel names cluster-wide, and the
/// names it has reserved for binds in flight, for the per-account tunnel limit.
/// </summary>
/// <remarks>
/// A bind passes through here on its way to the tunnel entity, so two binds of one account on
/// two nodes are counted one after the other (the entity is single-writer). The tunnel's
/// <see cref="TunnelOwnership"/> reports confirm a reservation (live) or drop it (the bind
/// lost). A reservation that no report settles (its message was lost with a node) lapses
/// after <see cref="ReservationLapse"/>. Nothing is persisted: an entity that moves or is lost
/// starts empty and counts again from the next reports, so for a while after a node loss an
/// account may exceed its limit by the names it had; it is never refused wrongly.
/// The entity passivates itself when it holds no name.
/// </remarks>
internal sealed class AccountEntity : ReceiveActor
{
    private static readonly TimeSpan ReservationLapse = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly IActorRef _tunnels;

    // Name -> when it was reserved, or null once a tunnel reported it live.
    private readonly Dictionary<string, DateTimeOffset?> _names = new(StringComparer.Ordinal);

    public AccountEntity(TimeProvider time, IActorRef tunnels)
    {
        _time = time;
        _tunnels = tunnels;
        Receive<ReserveTunnel>(OnReserve);
        Receive<TunnelOwnership>(OnOwnership);
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
        if (_names.Count == 0)
        {
            // The shard buffers what arrives meanwhile and starts a new entity for it.
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }
}
