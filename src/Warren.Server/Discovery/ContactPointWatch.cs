namespace Warren.Server.Discovery;

/// <summary>
/// Decides when the pods found are enough to form the cluster, as Akka's cluster bootstrap
/// does: at least the required number, and the same set for the stable margin (so pods that
/// start together all see the same list, and so the same lowest pod, before anyone joins).
/// </summary>
internal sealed class ContactPointWatch(int required, TimeSpan stableMargin)
{
    private List<PodEndPoint> _pods = [];
    private DateTimeOffset _stableSince;

    /// <summary>True when the set last observed changed the set before it.</summary>
    public bool Changed { get; private set; }

    /// <summary>
    /// Takes one look-up's pods (sorted, lowest first); true when they are the seed nodes to join.
    /// </summary>
    public bool Observe(IReadOnlyList<PodEndPoint> pods, DateTimeOffset now)
    {
        Changed = !SameAs(pods);
        if (Changed)
        {
            _pods = [.. pods];
            _stableSince = now;
        }

        return _pods.Count >= required && now - _stableSince >= stableMargin;
    }

    private bool SameAs(IReadOnlyList<PodEndPoint> pods)
    {
        if (pods.Count != _pods.Count)
        {
            return false;
        }

        for (var i = 0; i < pods.Count; i++)
        {
            if (!pods[i].Equals(_pods[i]))
            {
                return false;
            }
        }

        return true;
    }
}
