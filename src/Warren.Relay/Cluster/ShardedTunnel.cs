using Akka.Actor;
using Akka.Cluster.Sharding;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// The sharded entity ("tunnel") for ONE name: runs the node-agnostic <see cref="TunnelEntity"/>
/// as its child and plays the parent that entity expects, turning its passivation into the
/// shard's and its usage reports into <see cref="TunnelOwnership"/> for the account entities.
/// </summary>
/// <remarks>
/// <code>
///   Active ── PassivateTunnel (from the child) ──▶ Passivating ── child stopped ──▶ (stopped)
///      │  sends Passivate(StopTunnelEntity) to the shard;  │
///      │  commands bounced by the child go to the shard,   │
///      │  which buffers them for the next incarnation      │
///      └── child stopped unexpectedly ─────────────────────┴──▶ (stopped)
/// </code>
/// Binds for one name all arrive here, one at a time, whichever node they came from: that is
/// what makes name ownership race-free across the cluster. The child watches the backends'
/// sessions; a session on a node that leaves or is downed is unbound when its Terminated
/// arrives. On a hand-off or a node loss this actor stops with its state; the routers of the
/// nodes whose sessions were bound see the child's Terminated and bind again, which rebuilds
/// the tunnel where the shard now lives (see <see cref="ClusterTunnelRouter"/>).
/// </remarks>
internal sealed class ShardedTunnel : ReceiveActor
{
    private readonly string _name;
    private readonly IActorRef _accounts;
    private readonly IActorRef _entity;
    private readonly HashSet<string> _binding = new(StringComparer.Ordinal);
    private string? _liveOwner;

    public ShardedTunnel(string name, TunnelOptions options, TimeProvider time, IActorRef accounts)
    {
        _name = name;
        _accounts = accounts;
        _entity = Context.ActorOf(TunnelEntity.Props(name, options, time, Self), "entity");
        Context.Watch(_entity);
        Become(Active);
    }

    public static Props Props(string name, TunnelOptions options, TimeProvider time, IActorRef accounts) =>
        Akka.Actor.Props.Create(() => new ShardedTunnel(name, options, time, accounts));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Active()
    {
        Receive<BindTunnel>(m =>
        {
            _binding.Add(m.Account);
            _entity.Forward(m);
        });
        Receive<ITunnelCommand>(m => _entity.Forward(m));
        Receive<TunnelUsage>(OnUsage);
        Receive<PassivateTunnel>(_ =>
        {
            Context.Parent.Tell(new Passivate(StopTunnelEntity.Instance));
            Become(Passivating);
        });
        Receive<Terminated>(_ => StopWithChild());
    }

    private void Passivating()
    {
        Receive<StopTunnelEntity>(_ => _entity.Tell(StopTunnelEntity.Instance));
        Receive<ITunnelCommand>(m => Context.Parent.Forward(m));
        Receive<TunnelUsage>(OnUsage);
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    private void OnUsage(TunnelUsage m)
    {
        if (m.LiveOwner != _liveOwner)
        {
            if (_liveOwner is not null)
            {
                _accounts.Tell(new TunnelOwnership(_liveOwner, _name, Live: false));
            }

            if (m.LiveOwner is not null)
            {
                _accounts.Tell(new TunnelOwnership(m.LiveOwner, _name, Live: true));
            }

            _liveOwner = m.LiveOwner;
        }

        // Accounts whose bind lost (or is settled by this report) drop their reservation. A bind
        // still queued behind this report may lose its reservation early; its own report restores it.
        foreach (var account in _binding)
        {
            if (account != m.LiveOwner)
            {
                _accounts.Tell(new TunnelOwnership(account, _name, Live: false));
            }
        }

        _binding.Clear();
    }

    private void StopWithChild()
    {
        if (_liveOwner is not null)
        {
            _accounts.Tell(new TunnelOwnership(_liveOwner, _name, Live: false));
        }

        Context.Stop(Self);
    }
}
