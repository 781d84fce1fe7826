using Akka.Actor;
using Warren.Relay.Cluster;

namespace Warren.Relay.Sessions;

/// <summary>
/// Cluster-wide session counting: each admission goes to the account's entity
/// (<see cref="RegisterSession"/>), which counts the account's sessions on every node and keeps
/// them in its index. Its answer comes back here and is passed on to the session.
/// </summary>
/// <remarks>
/// This actor watches the entity that registered each session. When that entity stops (its shard
/// was handed off or its node was lost) the session is registered again (<c>Readmit</c>: no limit
/// check), which rebuilds the entity wherever the shard now lives. A registration that gets no
/// answer (sent to a region that was going away) is sent again every <see cref="RetryInterval"/>;
/// until the first answer the session waits, unadmitted.
/// </remarks>
public sealed partial class SessionsActor
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly SessionLimits _limits;
    private readonly IActorRef? _accountRegion;

    // Sessions sent to their account entity: the message, and the entity once it answered.
    private readonly Dictionary<IActorRef, (RegisterSession Message, IActorRef? Entity)> _registrations = [];
    private string? _node;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>This node's cluster address as <c>host:port</c>.</summary>
    private string Node => _node ??= Akka.Cluster.Cluster.Get(Context.System).SelfAddress is { } self
        ? $"{self.Host}:{self.Port}"
        : "local";

    private void AccountMessages()
    {
        Receive<SessionRegistered>(OnRegistered);
        Receive<SessionRegistrationRefused>(OnRegistrationRefused);
        Receive<RetryRegistrations>(_ => OnRetryRegistrations());
    }

    private void Register(IActorRef session, AdmitSession admit)
    {
        var reason = $"too many sessions for account '{admit.Account}': {_limits.RefusalText(LimitKind.SessionsPerAccount)}";
        var message = new RegisterSession(
            admit.Account, session, admit.SessionId, Node, admit.Remote, admit.StartedAt, _limits.SessionsPerAccount, reason, Readmit: false);
        _registrations[session] = (message, null);
        _accountRegion!.Tell(message);
        StartRegistrationRetries();
    }

    private void OnRegistered(SessionRegistered m)
    {
        if (!_registrations.TryGetValue(m.Session, out var held))
        {
            // The session stopped meanwhile; the entity drops it when its Terminated arrives.
            return;
        }

        if (held.Entity is null && !held.Message.Readmit)
        {
            m.Session.Tell(SessionAdmitted.Instance);
        }

        _registrations[m.Session] = (held.Message with { Readmit = true }, Sender);
        Context.Watch(Sender);
    }

    private void OnRegistrationRefused(SessionRegistrationRefused m)
    {
        if (_registrations.Remove(m.Session))
        {
            m.Session.Tell(new SessionRefused(m.Reason));
        }
    }

    /// <summary>True when <paramref name="stopped"/> was an account entity (its sessions are registered again).</summary>
    private bool OnAccountEntityOrSessionStopped(IActorRef stopped)
    {
        if (_registrations.Remove(stopped))
        {
            return false;
        }

        var again = false;
        foreach (var (session, held) in _registrations.ToArray())
        {
            if (stopped.Equals(held.Entity))
            {
                _registrations[session] = (held.Message, null);
                _accountRegion!.Tell(held.Message);
                again = true;
            }
        }

        if (again)
        {
            StartRegistrationRetries();
        }

        return again;
    }

    private void OnRetryRegistrations()
    {
        var waiting = false;
        foreach (var (message, entity) in _registrations.Values)
        {
            if (entity is null)
            {
                _accountRegion!.Tell(message);
                waiting = true;
            }
        }

        if (!waiting)
        {
            Timers.Cancel(RetryRegistrations.Instance);
        }
    }

    private void StartRegistrationRetries()
    {
        if (!Timers.IsTimerActive(RetryRegistrations.Instance))
        {
            Timers.StartPeriodicTimer(RetryRegistrations.Instance, RetryRegistrations.Instance, RetryInterval);
        }
    }

    /// <summary>Sends the registrations still unanswered again.</summary>
    private sealed record RetryRegistrations
    {
        public static readonly RetryRegistrations Instance = new();
    }
}
