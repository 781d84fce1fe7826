using Warren.Relay.Metrics;

namespace Warren.Server.Observability;

/// <summary>
/// What <c>/readyz</c> answers: ready when the SSH listener is bound and the node runs, and it
/// is not draining (CoordinatedShutdown has not started). Thread-safe: the HTTP server reads
/// it, the host and the actor system set it.
/// </summary>
/// <remarks>
/// The cluster adds its own condition (this member Up) with <see cref="AddCheck"/>; a check
/// returns null when fine, or the reason the node is not ready.
/// </remarks>
internal sealed class NodeReadiness
{
    private readonly Lock _gate = new();
    private readonly List<Func<string?>> _checks = [];
    private volatile bool _listening;
    private volatile bool _draining;
    private volatile bool _stopped;

    public NodeReadiness() => RelayMetrics.SetReady(false);

    /// <summary>The SSH listener is bound and its actor runs.</summary>
    public void MarkListening() => Set(() => _listening = true);

    /// <summary>Shutdown has begun: load balancers should stop sending new connections.</summary>
    public void MarkDraining() => Set(() => _draining = true);

    /// <summary>The node stopped (by itself or at the end of shutdown).</summary>
    public void MarkStopped() => Set(() => _stopped = true);

    /// <summary>Adds a condition: null when fine, else the reason the node is not ready.</summary>
    public void AddCheck(Func<string?> check)
    {
        lock (_gate)
        {
            _checks.Add(check);
        }

        RelayMetrics.SetReady(Problems().Count == 0);
    }

    /// <summary>Why the node is not ready; empty when it is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!_listening)
        {
            problems.Add("SSH listener not bound yet");
        }

        if (_draining)
        {
            problems.Add("draining: shutdown in progress");
        }

        if (_stopped)
        {
            problems.Add("relay node stopped");
        }

        lock (_gate)
        {
            foreach (var check in _checks)
            {
                if (check() is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        return problems;
    }

    private void Set(Action change)
    {
        change();
        RelayMetrics.SetReady(Problems().Count == 0);
    }
}
