using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Warren.Relay.Metrics;

namespace Warren.Relay.Cluster;

/// <summary>
/// Keeps the cluster metrics current on one node: members by status and unreachable members
/// from Akka.Cluster's member and reachability events, and the shards and entities of the
/// "tunnel" and "account" regions hosted here, asked for every <see cref="PollInterval"/>. A shard
/// seen here at one poll and gone at the next was handed off (rebalance or this node leaving).
/// </summary>
internal sealed class ClusterMetricsWatcher : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    // Per shard type: its region, and the shards it hosted at the last look.
    private readonly Dictionary<string, (IActorRef Region, HashSet<string> Shards)> _regions = new(StringComparer.Ordinal);

    // The membership as the events tell it. Not Cluster.State: Akka updates that view from its
    // own subscription, which may lag the event this actor gets, and a count read from it then
    // stays stale until the next event (seen when three nodes join within a second).
    private readonly Dictionary<Address, MemberStatus> _members = [];
    private readonly HashSet<Address> _unreachable = [];

    public ClusterMetricsWatcher()
    {
        var sharding = ClusterSharding.Get(Context.System);
        foreach (var type in new[] { ClusterTunnels.TunnelTypeName, ClusterTunnels.AccountTypeName })
        {
            _regions[type] = (sharding.ShardRegion(type), new HashSet<string>(StringComparer.Ordinal));
        }

        Receive<ClusterEvent.CurrentClusterState>(OnSnapshot);
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            _members.Remove(removed.Member.Address);
            _unreachable.Remove(removed.Member.Address);
            CountMembers();
        });
        Receive<ClusterEvent.IMemberEvent>(changed =>
        {
            _members[changed.Member.Address] = changed.Member.Status;
            CountMembers();
        });
        Receive<ClusterEvent.UnreachableMember>(unreachable =>
        {
            _unreachable.Add(unreachable.Member.Address);
            CountMembers();
        });
        Receive<ClusterEvent.ReachableMember>(reachable =>
        {
            _unreachable.Remove(reachable.Member.Address);
            CountMembers();
        });
        Receive<Poll>(_ =>
        {
            // The region answers from a piped task, with no sender: each answer is tagged with its type.
            foreach (var (type, (region, _)) in _regions)
            {
                region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, PollInterval)
                    .PipeTo(Self, success: state => new RegionState(type, state), failure: _ => new RegionState(type, null));
            }
        });
        Receive<RegionState>(OnRegionState);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMetricsWatcher());

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer(Poll.Instance, Poll.Instance, TimeSpan.Zero, PollInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnSnapshot(ClusterEvent.CurrentClusterState state)
    {
        _members.Clear();
        foreach (var member in state.Members)
        {
            _members[member.Address] = member.Status;
        }

        _unreachable.Clear();
        foreach (var member in state.Unreachable)
        {
            _unreachable.Add(member.Address);
        }

        CountMembers();
    }

    private void CountMembers()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in _members.Values)
        {
            var label = StatusLabel(status);
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        RelayMetrics.SetClusterMembers(counts);
        RelayMetrics.SetUnreachableMembers(_unreachable.Count);
    }

    private void OnRegionState(RegionState answer)
    {
        if (answer.State is not { } state || !_regions.TryGetValue(answer.Type, out var region))
        {
            return;
        }

        var now = new HashSet<string>(StringComparer.Ordinal);
        var entities = 0;
        foreach (var shard in state.Shards)
        {
            now.Add(shard.ShardId);
            entities += shard.EntityIds.Count;
        }

        var handedOff = 0;
        foreach (var shard in region.Shards)
        {
            if (!now.Contains(shard))
            {
                handedOff++;
            }
        }

        _regions[answer.Type] = (region.Region, now);
        RelayMetrics.SetShardsHosted(answer.Type, now.Count, entities, handedOff);
    }

    private static string StatusLabel(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.WeaklyUp => "weakly_up",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        _ => "removed",
    };

    /// <summary>A region's answer (null when it gave none in time).</summary>
    private sealed record RegionState(string Type, CurrentShardRegionState? State);

    /// <summary>Asks the regions for their state.</summary>
    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }
}
