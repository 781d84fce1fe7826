using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Downs a member at once when it is plainly dead: its remoting connection dropped (or the
/// failure detector marked it unreachable) and its relay-link port refuses connections twice.
/// A refused connection means the peer's host answered and nothing listens there: the process
/// is gone (a node binds its relay port before it joins and holds it until it has left). Waiting
/// for the split-brain resolver's stable-after adds many seconds for nothing in that case, and
/// the tunnel entities that lived on the dead node cannot come back on survivors before it is
/// downed. A timeout proves nothing (a partition looks the same) and is left to the resolver, as
/// is every member that is leaving. Off with <c>warren.cluster.down-refused-nodes = off</c>.
/// </summary>
internal sealed partial class DeadNodeDowning : ReceiveActor
{
    /// <summary>The child of <see cref="RelayLinksActor"/> that watches for dead members.</summary>
    public const string ActorName = "dead-nodes";

    private static readonly TimeSpan SecondTryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly HashSet<Address> _checking = [];

    public DeadNodeDowning(ILogger logger)
    {
        _logger = logger;
        Receive<DisassociatedEvent>(e => Check(e.RemoteAddress));
        Receive<AssociationErrorEvent>(e => Check(e.RemoteAddress));
        Receive<ClusterEvent.UnreachableMember>(e => Check(e.Member.Address));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<RemotingLifecycleEvent>(_ => { });
        Receive<ProbeResult>(OnResult);
    }

    public static Props Props(ILogger logger) => Akka.Actor.Props.Create(() => new DeadNodeDowning(logger));

    /// <summary>Whether the node's configuration turns this on (it is on unless switched off).</summary>
    public static bool Enabled(ActorSystem system) =>
        system.Settings.Config.GetBoolean("warren.cluster.down-refused-nodes", true);

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(RemotingLifecycleEvent));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.Unsubscribe(Self);
    }

    private void Check(Address node)
    {
        if (!IsServing(node) || _checking.Contains(node) || RelayLinks.EndpointOf(_cluster, node) is not { } endPoint)
        {
            return;
        }

        _checking.Add(node);
        RefusesTwiceAsync(endPoint).PipeTo(Self, success: refused => new ProbeResult(node, endPoint, refused), failure: _ => new ProbeResult(node, endPoint, Refused: false));
    }

    private void OnResult(ProbeResult result)
    {
        _checking.Remove(result.Node);
        if (result.Refused && IsServing(result.Node))
        {
            LogDowning(_logger, result.Node, result.EndPoint);
            _cluster.Down(result.Node);
        }
    }

    /// <summary>A member that is joining or up: one that is leaving hands its shards off itself.</summary>
    private bool IsServing(Address node)
    {
        foreach (var member in _cluster.State.Members)
        {
            if (member.Address.Equals(node))
            {
                return member.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining;
            }
        }

        return false;
    }

    private static async Task<bool> RefusesTwiceAsync(string endPoint)
    {
        if (!await RefusesAsync(endPoint).ConfigureAwait(false))
        {
            return false;
        }

        await Task.Delay(SecondTryDelay).ConfigureAwait(false);
        return await RefusesAsync(endPoint).ConfigureAwait(false);
    }

    private static async Task<bool> RefusesAsync(string endPoint)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await RelayLinks.ConnectAsync(client, endPoint, timeout.Token).ConfigureAwait(false);
            return false;
        }
        catch (SocketException error)
        {
            return error.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "downing cluster member {Node}: its remoting connection is gone and its relay port {EndPoint} refuses connections (the process has exited)")]
    private static partial void LogDowning(ILogger logger, Address node, string endPoint);

    private sealed record ProbeResult(Address Node, string EndPoint, bool Refused);
}
