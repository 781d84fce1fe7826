using Akka.Actor;
using Akka.Event;

namespace Warren.Relay.Tunnels;

/// <summary>
/// The actor for ONE tunnel name: wraps <see cref="TunnelState"/>, answers binds and look-ups,
/// watches the sessions of its backends and reports live ownership to the quota keeper.
/// </summary>
/// <remarks>
/// <code>
///                    BindTunnel
///   (created) Free ─────────────▶ Bound ◀─────┐ Bind / Unbind, others remain
///              │                   │  ▲ ──────┘ (pool, replace)
///              │ nothing bound     │  │
///              │ after a message   │  │ BindTunnel (owner; anyone once the hold ended)
///              │                   ▼  │
///              │    last backend leaves (Unbind, or its session died: Terminated)
///              │                  Held
///              │                   │ hold ends (HoldTick, by the TimeProvider's clock)
///              ▼                   ▼
///            Passivating ◀─────────┘   sends PassivateTunnel to the parent, bounces
///              │                       commands back to it
///              │ StopTunnelEntity
///              ▼
///           (stopped)
/// </code>
/// A session that dies uncleanly is unbound as soon as its Terminated arrives, so its owner's
/// reconnect rebinds the name at once; the hold keeps it from everyone else meanwhile.
/// The messages carry the name and nothing here depends on the parent being the local
/// <see cref="TunnelRegistry"/>, so the same actor runs as a sharded entity.
/// </remarks>
internal sealed class TunnelEntity : ReceiveActor, IWithTimers
{
    private const string HoldTimer = "hold";

    private readonly string _name;
    private readonly TunnelState _state;
    private readonly TimeProvider _time;
    private readonly IActorRef _quotaKeeper;
    private readonly HashSet<IActorRef> _watched = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Null on a node without Akka.Cluster (in-process tests): every backend counts as reachable.
    private readonly Akka.Cluster.Cluster? _cluster =
        ((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.ClusterActorRefProvider ? Akka.Cluster.Cluster.Get(Context.System) : null;
    private string? _reportedOwner;

    public TunnelEntity(string name, TunnelOptions options, TimeProvider time, IActorRef quotaKeeper)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _time = time;
        _quotaKeeper = quotaKeeper;
        _state = new TunnelState(name, options.HoldFor, time);
        Become(Free);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string name, TunnelOptions options, TimeProvider time, IActorRef quotaKeeper) =>
        Akka.Actor.Props.Create(() => new TunnelEntity(name, options, time, quotaKeeper));

    private void Free()
    {
        Receive<BindTunnel>(OnBind);
        Receive<ResolveTunnel>(m => Settle(() => Sender.Tell(new TunnelNotFound(_name))));
        Receive<UnbindTunnel>(m => Settle(() => Sender.Tell(new TunnelNotFound(_name))));
        Receive<SetTunnelAllowList>(m => Settle(() => Sender.Tell(new TunnelNotFound(_name))));
        Receive<HoldTick>(_ => Settle(() => { }));
        Receive<Terminated>(_ => { });
    }

    private void Bound()
    {
        Receive<BindTunnel>(OnBind);
        Receive<UnbindTunnel>(OnUnbind);
        Receive<ResolveTunnel>(OnResolve);
        Receive<SetTunnelAllowList>(OnSetAllowList);
        Receive<Terminated>(OnTerminated);
        Receive<HoldTick>(_ => { });
    }

    private void Held()
    {
        Receive<BindTunnel>(OnBind);
        Receive<UnbindTunnel>(m => Sender.Tell(new TunnelNotFound(_name)));
        Receive<ResolveTunnel>(m => Sender.Tell(new TunnelNotFound(_name)));
        Receive<SetTunnelAllowList>(OnSetAllowList);
        Receive<HoldTick>(_ => Settle(() => { }));
        Receive<Terminated>(_ => { });
    }

    private void Passivating()
    {
        Receive<StopTunnelEntity>(_ => Context.Stop(Self));
        // The parent has stopped routing to us; what was already on its way goes back to it and
        // on to the next entity for this name, with the original sender.
        Receive<ITunnelCommand>(m => Context.Parent.Forward(m));
        Receive<HoldTick>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private void OnBind(BindTunnel m)
    {
        if (m.Fresh && _state.Phase != TunnelPhase.Free)
        {
            Settle(() => Sender.Tell(new TunnelBindRefused(_name, $"tunnel '{_name}' is taken", m.Backend)), reportAlways: true);
            return;
        }

        var result = _state.Bind(m.Account, m.Backend, m.Policy ?? BindPolicy.Pool);
        Settle(
            () =>
            {
                if (!result.IsSuccess)
                {
                    _log.Debug("Tunnel {0}: bind by {1} refused: {2}", _name, m.Account, result.Reason);
                    Sender.Tell(new TunnelBindRefused(_name, result.Reason!, m.Backend));
                    return;
                }

                foreach (var replaced in result.Replaced)
                {
                    replaced.Session.Tell(new TunnelTakenOver(_name, replaced));
                }

                _log.Debug("Tunnel {0}: {1} for {2} by {3}", _name, result.Outcome, m.Account, m.Backend);
                Sender.Tell(new TunnelBound(_name, _state.Kind, result.Outcome, m.Backend));
            },
            reportAlways: true);
    }

    private void OnUnbind(UnbindTunnel m)
    {
        var result = _state.Unbind(m.Backend);
        Settle(() => Sender.Tell(result == TunnelUnbindResult.NotBound ? new TunnelNotFound(_name) : new TunnelUnbound(_name, m.Backend)));
    }

    private void OnTerminated(Terminated m)
    {
        var result = _state.UnbindSession(m.ActorRef);
        if (result != TunnelUnbindResult.NotBound)
        {
            _log.Debug("Tunnel {0}: session {1} ended, {2}", _name, m.ActorRef.Path.Name, result);
        }

        Settle(() => { });
    }

    private void OnResolve(ResolveTunnel m)
    {
        if (!_state.CanReach(m.Account))
        {
            Sender.Tell(m.Account is null
                ? new TunnelNotFound(_name)
                : new TunnelRefused(_name, $"tunnel '{_name}' is not open to account '{m.Account}'"));
            return;
        }

        var backend = NextReachableBackend(m.AvoidNodes);
        Sender.Tell(backend is null ? new TunnelNotFound(_name) : new TunnelResolved(_name, _state.Kind, backend));
    }

    /// <summary>
    /// The next backend in round-robin order whose node is neither unreachable nor one the
    /// visitor's node cannot reach on a relay link (<paramref name="avoidNodes"/>). A killed
    /// node's sessions stay in the pool until the cluster downs it (failure detector plus the
    /// split-brain resolver's stable-after, several seconds); passing over them keeps visitors on
    /// the live backends, such as the same client reconnected through another node. When every
    /// backend is on such a node, one is tried anyway: the trouble may be passing.
    /// </summary>
    private TunnelBackend? NextReachableBackend(string[]? avoidNodes)
    {
        var first = _state.NextBackend();
        if (first is null || _cluster is null)
        {
            return first;
        }

        var unreachable = _cluster.State.Unreachable;
        if (unreachable.Count == 0 && avoidNodes is null)
        {
            return first;
        }

        var candidate = first;
        for (var tries = _state.Backends.Count; tries > 0; tries--)
        {
            if (!OnTroubledNode(candidate, unreachable, avoidNodes))
            {
                return candidate;
            }

            candidate = _state.NextBackend()!;
        }

        return first;
    }

    private bool OnTroubledNode(TunnelBackend backend, System.Collections.Immutable.ImmutableHashSet<Akka.Cluster.Member> unreachable, string[]? avoidNodes)
    {
        // A session on this node has a local-scope path; the visitor's node names it by its full address.
        var address = backend.Session.Path.Address.HasLocalScope ? _cluster!.SelfAddress : backend.Session.Path.Address;
        foreach (var member in unreachable)
        {
            if (member.Address.Equals(address))
            {
                return true;
            }
        }

        if (avoidNodes is not null)
        {
            var text = address.ToString();
            foreach (var node in avoidNodes)
            {
                if (string.Equals(node, text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void OnSetAllowList(SetTunnelAllowList m)
    {
        object reply = _state.SetAllowList(m.Account, m.Accounts) switch
        {
            TunnelAllowListResult.Set => new TunnelAllowListSet(_name, _state.AllowList.ToArray()),
            TunnelAllowListResult.NotOwner => new TunnelRefused(_name, TunnelState.BelongsToAnotherAccount(_name)),
            _ => new TunnelNotFound(_name),
        };
        Settle(() => Sender.Tell(reply));
    }

    /// <summary>
    /// After a message changed the state: report the live owner to the quota keeper (before the
    /// reply, so a caller that waits for the reply finds the keeper up to date), answer, keep the
    /// watches in step with the backends, and become the state's phase.
    /// </summary>
    private void Settle(Action reply, bool reportAlways = false)
    {
        var phase = _state.Phase;
        var liveOwner = phase == TunnelPhase.Bound ? _state.Owner : null;
        if (reportAlways || liveOwner != _reportedOwner)
        {
            _quotaKeeper.Tell(new TunnelUsage(_name, liveOwner));
            _reportedOwner = liveOwner;
        }

        reply();
        SyncWatches();

        switch (phase)
        {
            case TunnelPhase.Bound:
                Timers.Cancel(HoldTimer);
                Become(Bound);
                break;
            case TunnelPhase.Held:
                var remaining = _state.HeldUntil!.Value - _time.GetUtcNow();
                Timers.StartSingleTimer(HoldTimer, HoldTick.Instance, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                Become(Held);
                break;
            default:
                Timers.Cancel(HoldTimer);
                Context.Parent.Tell(new PassivateTunnel(_name));
                Become(Passivating);
                break;
        }
    }

    private void SyncWatches()
    {
        foreach (var backend in _state.Backends)
        {
            if (_watched.Add(backend.Session))
            {
                Context.Watch(backend.Session);
            }
        }

        _watched.RemoveWhere(session =>
        {
            if (_state.Serves(session))
            {
                return false;
            }

            Context.Unwatch(session);
            return true;
        });
    }

    /// <summary>Wakes a held tunnel when its hold should have ended.</summary>
    private sealed record HoldTick
    {
        public static readonly HoldTick Instance = new();
    }
}
