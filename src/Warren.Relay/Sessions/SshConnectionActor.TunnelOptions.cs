using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Metrics;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Sessions;

/// <summary>
/// Tunnel options given as the session's command. They settle the session's options (see the
/// OptionsSettle partial): every forward binds with them, and <c>allow-accounts=</c> sets the
/// allow-list of every named tunnel this session serves, and of those it binds later; refused
/// options cancel the session's forwards. Snapshots for the session channel wait until no bind
/// is in flight: OpenSSH sends its tcpip-forward requests and the exec command without waiting
/// for replies.
/// </summary>
public sealed partial class SshConnectionActor
{
    // The registry answers at once; this only bounds a lost reply.
    private static readonly TimeSpan AllowListTimeout = TimeSpan.FromSeconds(10);

    private readonly List<IActorRef> _snapshotWaiters = [];
    private readonly List<IActorRef> _optionWaiters = [];
    private IReadOnlyList<string>? _allowAccounts;
    private string? _forwardsRefused;

    private bool BindsInFlight
    {
        get
        {
            foreach (var pending in _replies)
            {
                if (pending.Forward && pending.Payload is null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void TunnelOptionMessages()
    {
        Receive<SessionSnapshotRequest>(_ =>
        {
            // A shell or another command: the owner gave no options, the defaults are theirs.
            if (_tunnelOptions is null)
            {
                SettleOptions(Edge.EdgeTunnelOptions.Default);
            }

            _snapshotWaiters.Add(Sender);
            AnswerSnapshotWaiters();
        });
        Receive<ApplyTunnelOptions>(OnApplyTunnelOptions);
        OptionsSettleMessages();
        Receive<RefuseTunnelOptions>(OnRefuseTunnelOptions);
        Receive<TunnelAllowListSet>(_ => { });
        Receive<TunnelRefused>(_ => { });
    }

    private void OnApplyTunnelOptions(ApplyTunnelOptions apply)
    {
        var options = apply.Options;
        _allowAccounts = options.AllowAccounts;
        if (_forwardsRefused is null && _tunnelOptions is null)
        {
            SettleOptions(options);
        }
        else if (_forwardsRefused is null)
        {
            // Options after the forwards settled (another session channel): they apply from now on.
            _tunnelOptions = options;
            RebindWithOptions(options);
        }

        _optionWaiters.Add(Sender);
        AnswerSnapshotWaiters();
    }

    /// <summary>Binds every named tunnel of the session again, so its backend carries <paramref name="options"/>.</summary>
    private void RebindWithOptions(Edge.EdgeTunnelOptions options)
    {
        foreach (var (key, tunnel) in _forwards)
        {
            if (tunnel.Kind != TunnelKind.Port)
            {
                var backend = new TunnelBackend(Self, SessionId, key.Address, key.Port) { Options = options };
                _tunnels.Tell(new BindTunnel(tunnel.Name, _user!.User, backend, options.Bind));
            }
        }
    }

    /// <summary>Answers the channels waiting for the session once its binds have settled.</summary>
    private void AnswerSnapshotWaiters()
    {
        if (BindsInFlight || (_snapshotWaiters.Count == 0 && _optionWaiters.Count == 0))
        {
            return;
        }

        var snapshot = new SessionSnapshot(SessionInfo(), [.. _forwards.Values]);
        foreach (var waiter in _snapshotWaiters)
        {
            waiter.Tell(snapshot);
        }

        _snapshotWaiters.Clear();
        if (_optionWaiters.Count == 0 || _allowAccounts is not { } accounts)
        {
            return;
        }

        var sets = new List<Task>();
        foreach (var tunnel in _forwards.Values)
        {
            if (tunnel.Kind != TunnelKind.Port)
            {
                sets.Add(_tunnels.Ask<object>(new SetTunnelAllowList(tunnel.Name, _user!.User, accounts), AllowListTimeout));
            }
        }

        var applied = Task.WhenAll(sets);
        foreach (var waiter in _optionWaiters)
        {
            applied.PipeTo(waiter, success: () => snapshot, failure: cause => new Status.Failure(cause));
        }

        _optionWaiters.Clear();
    }

    /// <summary>A tunnel bound after the options arrived gets the same allow-list.</summary>
    private void ApplyOptionsToNewTunnel(string name)
    {
        // While channels wait, AnswerSnapshotWaiters sets the lists of every tunnel, this one too.
        if (_allowAccounts is { } accounts && _optionWaiters.Count == 0)
        {
            _tunnels.Tell(new SetTunnelAllowList(name, _user!.User, accounts));
        }
    }

    private void OnRefuseTunnelOptions(RefuseTunnelOptions refused)
    {
        _forwardsRefused = refused.Problem;
        RefuseDeferredForwards(refused.Problem);
        foreach (var (key, tunnel) in _forwards.ToArray())
        {
            if (!TryCloseForwardPort(key.Address, key.Port))
            {
                CancelTunnelForward(key.Address, key.Port, tunnel);
            }
        }
    }

    /// <summary>Unbinds a named tunnel of this session (cancel-tcpip-forward, or refused options).</summary>
    private void CancelTunnelForward(string address, uint port, TunnelInfo tunnel)
    {
        _forwards.Remove((address, port));
        RelayMetrics.TunnelUnbound(tunnel.Kind);
        _tunnels.Tell(new UnbindTunnel(tunnel.Name, new TunnelBackend(Self, SessionId, address, port)));
        LogForwardCancelled(SessionId, tunnel.Name);
    }
}
