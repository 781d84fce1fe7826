using Akka.Actor;

namespace Warren.Relay.Tunnels;

/// <summary>
/// The state of ONE tunnel name, with no actors in it: owner, kind, live backends with
/// round-robin, the owner's allow-list, and the hold after the last backend leaves.
/// <see cref="TunnelEntity"/> wraps it; tests drive it directly with a manual clock.
/// </summary>
/// <remarks>
/// <code>
///          Bind (anyone)                 Bind (owner: pool / replace)
///   Free ───────────────▶ Bound ◀──────┐ Unbind, others remain
///    ▲                     │  ▲ ───────┘
///    │                     │  │
///    │      last backend   │  │ Bind (owner only)
///    │      leaves         ▼  │
///    └─── hold ends ───── Held
/// </code>
/// The hold is what makes a reconnect safe: the owner's next session rebinds its name at once
/// (a dead session is unbound as soon as it dies), and no other account can grab the name in
/// between. Another account is refused with the same reason whether the name is bound or held,
/// so the refusal tells nothing about the owner's sessions.
/// Accounts are compared ordinally (SSH user names are case-sensitive). Not thread-safe: one
/// actor owns it.
/// </remarks>
internal sealed class TunnelState
{
    /// <summary>In an allow-list, lets every authenticated account reach the tunnel.</summary>
    public const string AnyAccount = "*";

    private readonly TimeProvider _time;
    private readonly List<TunnelBackend> _backends = [];
    private readonly HashSet<string> _allowList = new(StringComparer.Ordinal);
    private DateTimeOffset _heldUntil;
    private int _next;

    public TunnelState(string name, TimeSpan holdFor, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdFor, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        Name = name;
        HoldFor = holdFor;
        _time = time;
    }

    public string Name { get; }

    /// <summary>How long a name stays held for its owner after its last backend leaves.</summary>
    public TimeSpan HoldFor { get; }

    /// <summary>The owning account while bound or held; null when free.</summary>
    public string? Owner => Phase == TunnelPhase.Free ? null : OwnerUnchecked;

    /// <summary>The kind of the current (or last) binding.</summary>
    public TunnelKind Kind { get; private set; }

    /// <summary>The port of the current (or last) binding; a pool serves one port.</summary>
    public uint Port { get; private set; }

    /// <summary>The policy of the last successful bind.</summary>
    public BindPolicy Policy { get; private set; }

    public IReadOnlyList<TunnelBackend> Backends => _backends;

    /// <summary>Other accounts the owner lets reach this tunnel.</summary>
    public IReadOnlyCollection<string> AllowList => _allowList;

    /// <summary>When the hold ends, while <see cref="Phase"/> is <see cref="TunnelPhase.Held"/>.</summary>
    public DateTimeOffset? HeldUntil => Phase == TunnelPhase.Held ? _heldUntil : null;

    public TunnelPhase Phase =>
        _backends.Count > 0 ? TunnelPhase.Bound
        : OwnerUnchecked is not null && _time.GetUtcNow() < _heldUntil ? TunnelPhase.Held
        : TunnelPhase.Free;

    // Kept past the end of a hold until the next bind overwrites it; read through Owner.
    private string? OwnerUnchecked { get; set; }

    /// <summary>The reason given to an account that is not the owner.</summary>
    public static string BelongsToAnotherAccount(string name) => $"tunnel '{name}' belongs to another account";

    /// <summary>
    /// Binds <paramref name="backend"/> for <paramref name="account"/>: a free name (or one held
    /// for this account) becomes this account's; a name this account serves already is pooled or
    /// taken over by <paramref name="policy"/>; anyone else's name is refused. The policy of the
    /// new bind decides, whatever the live backends asked for.
    /// </summary>
    public TunnelBindResult Bind(string account, TunnelBackend backend, BindPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(backend);
        switch (Phase)
        {
            case TunnelPhase.Free:
                // A new owner starts with an empty allow-list: the last owner's grants are not theirs.
                _allowList.Clear();
                Start(account, backend, policy);
                return TunnelBindResult.Bound;

            case TunnelPhase.Held when account == OwnerUnchecked:
                Start(account, backend, policy);
                return TunnelBindResult.Bound;

            case TunnelPhase.Bound when account == OwnerUnchecked:
                var index = _backends.IndexOf(backend);
                if (index >= 0)
                {
                    // The same forward again: its options (which are not its identity) may have changed.
                    _backends[index] = backend;
                    return TunnelBindResult.AlreadyBound;
                }

                if (policy == BindPolicy.Replace)
                {
                    var replaced = _backends.ToArray();
                    Start(account, backend, policy);
                    return TunnelBindResult.TookOver(replaced);
                }

                if (backend.BindPort != Port)
                {
                    return TunnelBindResult.Refused(
                        $"tunnel '{Name}' is bound on port {Port}; a pool serves one port (bind port {backend.BindPort} under another name, or replace)");
                }

                _backends.Add(backend);
                Policy = policy;
                return TunnelBindResult.JoinedPool;

            default:
                return TunnelBindResult.Refused(BelongsToAnotherAccount(Name));
        }
    }

    /// <summary>Removes one backend (a cancelled forward).</summary>
    public TunnelUnbindResult Unbind(TunnelBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return RemoveWhere(b => b == backend);
    }

    /// <summary>Removes every backend of a session that ended, cleanly or not.</summary>
    public TunnelUnbindResult UnbindSession(IActorRef session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return RemoveWhere(b => b.Session.Equals(session));
    }

    /// <summary>True while some backend of <paramref name="session"/> serves the name.</summary>
    public bool Serves(IActorRef session) => _backends.Exists(b => b.Session.Equals(session));

    /// <summary>The next backend in round-robin order, or null when none is live.</summary>
    public TunnelBackend? NextBackend()
    {
        if (_backends.Count == 0)
        {
            return null;
        }

        if (_next >= _backends.Count)
        {
            _next = 0;
        }

        return _backends[_next++];
    }

    /// <summary>
    /// Whether <paramref name="account"/> may reach this tunnel: the owner always, another
    /// account when the owner allowed it (or allowed <see cref="AnyAccount"/>). A null account is
    /// a visitor at a public edge, who may reach HTTP and TLS tunnels but never a TCP alias.
    /// </summary>
    public bool CanReach(string? account)
    {
        if (Phase == TunnelPhase.Free)
        {
            return false;
        }

        if (account is null)
        {
            return Kind.IsPublic();
        }

        return account == OwnerUnchecked || _allowList.Contains(account) || _allowList.Contains(AnyAccount);
    }

    /// <summary>Replaces the allow-list; only the owner may, while the name is bound or held.</summary>
    public TunnelAllowListResult SetAllowList(string account, IEnumerable<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (Phase == TunnelPhase.Free)
        {
            return TunnelAllowListResult.NotFound;
        }

        if (account != OwnerUnchecked)
        {
            return TunnelAllowListResult.NotOwner;
        }

        _allowList.Clear();
        foreach (var allowed in accounts)
        {
            if (!string.IsNullOrEmpty(allowed) && allowed != account)
            {
                _allowList.Add(allowed);
            }
        }

        return TunnelAllowListResult.Set;
    }

    private void Start(string account, TunnelBackend backend, BindPolicy policy)
    {
        OwnerUnchecked = account;
        _backends.Clear();
        _backends.Add(backend);
        _next = 0;
        Kind = backend.Kind;
        Port = backend.BindPort;
        Policy = policy;
    }

    private TunnelUnbindResult RemoveWhere(Predicate<TunnelBackend> match)
    {
        var index = _backends.FindIndex(match);
        if (index < 0)
        {
            return TunnelUnbindResult.NotBound;
        }

        do
        {
            _backends.RemoveAt(index);
            // Keep the round-robin cursor on the backend that was next.
            if (index < _next)
            {
                _next--;
            }

            index = _backends.FindIndex(index, match);
        }
        while (index >= 0);

        if (_backends.Count > 0)
        {
            return TunnelUnbindResult.Unbound;
        }

        _heldUntil = _time.GetUtcNow() + HoldFor;
        return TunnelUnbindResult.Released;
    }
}
