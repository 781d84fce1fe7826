using Akka.Actor;
using Akka.Event;

namespace Warren.Relay.Tunnels;

/// <summary>
/// The node-local home of the <see cref="TunnelEntity"/> actors: creates one per name on the first
/// bind, routes every <see cref="ITunnelCommand"/> to it by name, checks names, generates names,
/// and keeps the per-account tunnel limit (<see cref="AccountTunnels"/>).
/// </summary>
/// <remarks>
/// The cluster work replaces the routing with the "tunnel" shard region and the quota with the
/// account entity; the entity and the messages stay as they are. Answers for a name with no
/// entity (a look-up of a free name) come from here, with no entity created.
/// A failing entity is stopped, never restarted (a restart would come back empty while sessions
/// think they serve the name); the registry then forgets the name and its usage.
/// </remarks>
internal sealed class TunnelRegistry : ReceiveActor
{
    private readonly TunnelOptions _options;
    private readonly TimeProvider _time;
    private readonly TunnelNameGenerator _generator;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly AccountTunnels _accounts = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _incarnation;

    public TunnelRegistry(TunnelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTunnelsPerAccount, 1);
        _options = options;
        _time = time;
        _generator = new TunnelNameGenerator(options.NameRules);

        Receive<BindTunnel>(OnBind);
        Receive<BindGeneratedTunnel>(OnBindGenerated);
        Receive<UnbindTunnel>(m => Route(m, m.Name));
        Receive<ResolveTunnel>(m => Route(m, m.Name));
        Receive<SetTunnelAllowList>(m => Route(m, m.Name));
        Receive<TunnelUsage>(m => _accounts.Set(m.Name, m.LiveOwner));
        Receive<PassivateTunnel>(OnPassivate);
        Receive<Terminated>(OnEntityTerminated);
    }

    public static Props Props(TunnelOptions options, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new TunnelRegistry(options, time));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void OnBind(BindTunnel m)
    {
        if (BindChecks.Check(m, _options.NameRules, out var refusal) is not { } bind)
        {
            Sender.Tell(refusal);
            return;
        }

        var name = bind.Name;
        if (_accounts.WouldExceed(m.Account, name, _options.MaxTunnelsPerAccount))
        {
            Sender.Tell(new TunnelBindRefused(name, _options.TunnelLimitText(m.Account), m.Backend));
            return;
        }

        // Reserve before the entity answers, so binds in flight count; the entity's TunnelUsage
        // report (sent after every bind) confirms or drops the reservation.
        if (_accounts.OwnerOf(name) is null)
        {
            _accounts.Set(name, m.Account);
        }

        EntityFor(name).Forward(bind with { Policy = bind.Policy ?? _options.DefaultBindPolicy });
    }

    private void OnBindGenerated(BindGeneratedTunnel m)
    {
        if (!_generator.TryGenerate(_entities.ContainsKey, out var name))
        {
            Sender.Tell(new TunnelBindRefused(string.Empty, "no free tunnel name could be generated; try again", m.Backend));
            return;
        }

        OnBind(new BindTunnel(name.Value, m.Account, m.Backend, BindPolicy.Pool, Fresh: true));
    }

    private void Route(ITunnelCommand m, string rawName)
    {
        var name = TunnelName.NormalizeKey(rawName);
        if (name is not null && _entities.TryGetValue(name, out var entity))
        {
            entity.Forward(m);
            return;
        }

        Sender.Tell(new TunnelNotFound(name ?? rawName));
    }

    private IActorRef EntityFor(string name)
    {
        if (!_entities.TryGetValue(name, out var entity))
        {
            // A passivating entity of this name may still be alive: each incarnation gets its own
            // actor name.
            entity = Context.ActorOf(TunnelEntity.Props(name, _options, _time, Self), $"{name}.{++_incarnation}");
            Context.Watch(entity);
            _entities[name] = entity;
        }

        return entity;
    }

    private void OnPassivate(PassivateTunnel m)
    {
        if (_entities.TryGetValue(m.Name, out var entity) && entity.Equals(Sender))
        {
            _entities.Remove(m.Name);
        }

        Context.Unwatch(Sender);
        Sender.Tell(StopTunnelEntity.Instance);
    }

    private void OnEntityTerminated(Terminated m)
    {
        // Only an entity that died without passivating is still in the map (child name: name.N).
        var path = m.ActorRef.Path.Name;
        var name = path[..Math.Max(0, path.LastIndexOf('.'))];
        if (_entities.TryGetValue(name, out var entity) && entity.Equals(m.ActorRef))
        {
            _entities.Remove(name);
            _accounts.Set(name, null);
            _log.Warning("Tunnel {0}: entity stopped unexpectedly; the name is free", name);
        }
    }
}
