using Akka.Actor;
using Akka.Cluster;
using Warren.Relay.Admin;

namespace Warren.Server.Observability;

/// <summary>
/// The admin API's view of the cluster: every reachable member's <c>/user/node/sessions</c>, asked
/// in parallel. A member that is unreachable (or does not answer within <see cref="NodeTimeout"/>)
/// is reported as missing rather than holding up the answer, so a dead node's sessions leave the
/// lists as soon as its failure detector marks it. Outside a cluster it asks this node only.
/// </summary>
internal sealed class AdminCluster(ActorSystem system)
{
    /// <summary>Less than the HTTP client's patience: one slow node must not time the whole request out.</summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);

    private const string LocalNode = "local";

    /// <summary>One node's sessions (<paramref name="Node"/> as <c>host:port</c> of its cluster address).</summary>
    public sealed record NodeSessions(string Node, IReadOnlyList<SessionView> Sessions);

    /// <summary>The answers, and the nodes that gave none.</summary>
    public sealed record Listing(IReadOnlyList<NodeSessions> Nodes, IReadOnlyList<string> Missing);

    /// <summary>The members the lists cover, by <c>host:port</c>, and those that are unreachable now.</summary>
    public (Dictionary<string, Address?> Reachable, List<string> Unreachable) Members()
    {
        var reachable = new Dictionary<string, Address?>(StringComparer.Ordinal);
        var unreachable = new List<string>();
        if (system is not ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            reachable[LocalNode] = null;
            return (reachable, unreachable);
        }

        var state = Akka.Cluster.Cluster.Get(system).State;
        foreach (var member in state.Members)
        {
            if (member.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving or MemberStatus.Exiting))
            {
                continue;
            }

            if (state.Unreachable.Contains(member))
            {
                unreachable.Add(Name(member.Address));
            }
            else
            {
                reachable[Name(member.Address)] = member.Address;
            }
        }

        return (reachable, unreachable);
    }

    /// <summary>Every reachable node's sessions, by node name.</summary>
    public async Task<Listing> ListAsync()
    {
        var (reachable, unreachable) = Members();
        var asks = reachable.Select(async node => (node.Key, List: await AskAsync<SessionList>(node.Value, ListSessions.Instance).ConfigureAwait(false))).ToList();
        var nodes = new List<NodeSessions>();
        var missing = new List<string>(unreachable);
        foreach (var (node, list) in await Task.WhenAll(asks).ConfigureAwait(false))
        {
            if (list is null)
            {
                missing.Add(node);
            }
            else
            {
                nodes.Add(new NodeSessions(node, list.Sessions));
            }
        }

        nodes.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
        missing.Sort(StringComparer.Ordinal);
        return new Listing(nodes, missing);
    }

    /// <summary>Asks node <paramref name="node"/> (a name from <see cref="Members"/>); null when it is not a member or does not answer.</summary>
    public Task<T?> AskAsync<T>(string node, object message)
        where T : class =>
        Members().Reachable.TryGetValue(node, out var address) ? AskAsync<T>(address, message) : Task.FromResult<T?>(null);

    /// <summary>The cluster address as the admin API shows it: <c>host:port</c>.</summary>
    public static string Name(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{address.Host}:{address.Port}";
    }

    private async Task<T?> AskAsync<T>(Address? address, object message)
        where T : class
    {
        var path = address is null ? "/user/node/sessions" : (new RootActorPath(address) / "user" / "node" / "sessions").ToString();
        try
        {
            return await system.ActorSelection(path).Ask<T>(message, NodeTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
