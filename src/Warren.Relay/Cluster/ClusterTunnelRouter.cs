using Akka.Actor;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// The node's tunnel front (<c>/user/node/tunnels</c> in a cluster): speaks the same
/// <see cref="ITunnelCommand"/> protocol as the local <see cref="TunnelRegistry"/>, checks and
/// normalizes names, generates names, and sends each command to the "tunnel" shard region
/// (binds by way of the "account" region, which keeps the per-account limit).
/// </summary>
/// <remarks>
/// Binds go out with this router as the sender, so it learns which of its node's binds hold
/// and relays each answer to the binding session. It watches the entity that confirmed a bind;
/// when that entity stops (its shard was handed off, or its node was lost) it binds again, and
/// the tunnel is rebuilt wherever the shard now lives. A bind that gets no answer (sent to a
/// region that was going away) is sent again every <see cref="RetryInterval"/>. Look-ups,
/// unbinds and allow-lists are forwarded, so their answers go straight to the asker.
/// </remarks>
internal sealed class ClusterTunnelRouter : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly TunnelOptions _options;
    private readonly IActorRef _tunnels;
    private readonly IActorRef _accounts;
    private readonly TunnelNameGenerator _generator;

    // This node's binds awaiting an answer, and those that hold with the entity that holds them.
    private readonly Dictionary<TunnelBackend, BindTunnel> _pending = [];
    private readonly Dictionary<TunnelBackend, (BindTunnel Bind, IActorRef Entity)> _bound = [];

    // Nodes this node's relay links cannot reach right now (RelayNodeSuspicion), as sent with look-ups.
    private readonly HashSet<string> _suspected = new(StringComparer.Ordinal);
    private string[]? _avoidNodes;

    public ClusterTunnelRouter(TunnelOptions options, IActorRef tunnels, IActorRef accounts)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tunnels = tunnels;
        _accounts = accounts;
        _generator = new TunnelNameGenerator(options.NameRules);

        Receive<BindTunnel>(OnBind);
        Receive<BindGeneratedTunnel>(OnBindGenerated);
        Receive<UnbindTunnel>(OnUnbind);
        Receive<ResolveTunnel>(m => Route(m.Name, name => m with { Name = name, AvoidNodes = _avoidNodes }));
        Receive<Links.RelayNodeSuspicion>(OnSuspicion);
        Receive<SetTunnelAllowList>(m => Route(m.Name, name => m with { Name = name }));
        Receive<TunnelBound>(OnBound);
        Receive<TunnelBindRefused>(OnRefused);
        Receive<RetryBinds>(_ => OnRetry());
        Receive<Terminated>(OnTerminated);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TunnelOptions options, IActorRef tunnels, IActorRef accounts) =>
        Akka.Actor.Props.Create(() => new ClusterTunnelRouter(options, tunnels, accounts));

    private void OnBind(BindTunnel m)
    {
        if (BindChecks.Check(m, _options.NameRules, out var refusal) is not { } checkedBind)
        {
            Sender.Tell(refusal);
            return;
        }

        var bind = checkedBind with { Policy = checkedBind.Policy ?? _options.DefaultBindPolicy };

        _pending[bind.Backend] = bind;
        Context.Watch(bind.Backend.Session);
        _accounts.Tell(new ReserveTunnel(bind.Account, _options.MaxTunnelsPerAccount, _options.TunnelLimitText(bind.Account), bind));
        StartRetries();
    }

    private void OnBindGenerated(BindGeneratedTunnel m)
    {
        // No cluster-wide view of taken names here: a Fresh bind is refused by the entity if the
        // generated name is bound or held, which is rare enough to leave to the client's retry.
        if (!_generator.TryGenerate(_ => false, out var name))
        {
            Sender.Tell(new TunnelBindRefused(string.Empty, "no free tunnel name could be generated; try again", m.Backend));
            return;
        }

        OnBind(new BindTunnel(name.Value, m.Account, m.Backend, BindPolicy.Pool, Fresh: true));
    }

    private void OnUnbind(UnbindTunnel m)
    {
        _pending.Remove(m.Backend);
        _bound.Remove(m.Backend);
        Route(m.Name, name => m with { Name = name });
    }

    private void Route(string rawName, Func<string, ITunnelCommand> withName)
    {
        var name = TunnelName.NormalizeKey(rawName);
        if (name is null)
        {
            Sender.Tell(new TunnelNotFound(rawName));
            return;
        }

        _tunnels.Forward(withName(name));
    }

    private void OnSuspicion(Links.RelayNodeSuspicion m)
    {
        var node = m.Node.ToString();
        var changed = m.Suspected ? _suspected.Add(node) : _suspected.Remove(node);
        if (changed)
        {
            _avoidNodes = _suspected.Count == 0 ? null : [.. _suspected];
        }
    }

    private void OnBound(TunnelBound m)
    {
        // An answer to a bind that is no longer pending (a retry's second answer) is not news.
        if (!_pending.Remove(m.Backend, out var bind))
        {
            return;
        }

        _bound[m.Backend] = (bind with { Fresh = false }, Sender);
        Context.Watch(Sender);
        m.Backend.Session.Tell(m, Sender);
    }

    private void OnRefused(TunnelBindRefused m)
    {
        if (_pending.Remove(m.Backend))
        {
            _bound.Remove(m.Backend);
            m.Backend.Session.Tell(m, Sender);
        }
    }

    private void OnTerminated(Terminated m)
    {
        List<TunnelBackend>? rebind = null;
        List<TunnelBackend>? gone = null;
        foreach (var (backend, held) in _bound)
        {
            if (backend.Session.Equals(m.ActorRef))
            {
                (gone ??= []).Add(backend);
            }
            else if (held.Entity.Equals(m.ActorRef))
            {
                (rebind ??= []).Add(backend);
            }
        }

        foreach (var backend in _pending.Keys)
        {
            if (backend.Session.Equals(m.ActorRef))
            {
                (gone ??= []).Add(backend);
            }
        }

        foreach (var backend in gone ?? [])
        {
            _bound.Remove(backend);
            _pending.Remove(backend);
        }

        foreach (var backend in rebind ?? [])
        {
            // The tunnel lost its entity (hand-off or node loss): bind again where the shard now
            // lives. The quota was counted when the bind first passed; go straight to the tunnel.
            var bind = _bound[backend].Bind;
            _bound.Remove(backend);
            _pending[backend] = bind;
            _tunnels.Tell(bind);
        }

        if (rebind is not null)
        {
            StartRetries();
        }
    }

    private void OnRetry()
    {
        if (_pending.Count == 0)
        {
            Timers.Cancel(RetryBinds.Instance);
            return;
        }

        foreach (var bind in _pending.Values)
        {
            _tunnels.Tell(bind);
        }
    }

    private void StartRetries()
    {
        if (!Timers.IsTimerActive(RetryBinds.Instance))
        {
            Timers.StartPeriodicTimer(RetryBinds.Instance, RetryBinds.Instance, RetryInterval);
        }
    }

    /// <summary>Sends the binds still unanswered again.</summary>
    private sealed record RetryBinds
    {
        public static readonly RetryBinds Instance = new();
    }
}
