using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// The node's relay links (<c>/user/node/relay-links</c>): accepts the links other nodes dial
/// (on the <c>--relay-listen</c> socket, which it owns), dials one link per node its visitors
/// reach, and sends each stream open to the right link. A link to a node that is removed from
/// the cluster is closed, so its streams end at once rather than when TCP notices. (Unreachable
/// alone is not enough: a node that misses heartbeats under load comes back, and its streams
/// should live on.)
/// <para>
/// A dialed link that breaks or cannot be dialed while its node is still a member makes the node
/// suspected: the node's tunnel front then asks entities to pass over backends there, because a
/// killed node stays a member for the seconds the cluster takes to notice, and a client that came
/// back through another node should get every visit meanwhile. The node is dialed again, with a
/// growing pause, until a link is up (suspicion ends) or the node is removed.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class RelayLinksActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstProbeDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestProbeDelay = TimeSpan.FromSeconds(30);

    private readonly RelayLinkSettings _settings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<Address, IActorRef> _dialed = [];
    private readonly Dictionary<string, IActorRef> _accepted = new(StringComparer.Ordinal);

    // Suspected nodes and the pause before the next dial to each.
    private readonly Dictionary<Address, TimeSpan> _suspected = [];

    public RelayLinksActor(RelayLinkSettings settings)
    {
        _settings = settings;
        Receive<OpenLinkedBridge>(OnOpenLinked);
        Receive<OpenFarEnd>(OnOpenFar);
        Receive<LinkAccepted>(accepted => Context.ActorOf(RelayLinkActor.Accept(_settings, accepted.Socket)));
        Receive<LinkRegistered>(registered =>
        {
            _accepted[registered.LinkId] = Sender;
            Context.Watch(Sender);
        });
        Receive<LinkDialedUp>(up => Clear(up.Node));
        Receive<ProbeNode>(probe => Probe(probe.Node));
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            CloseLinkTo(m.Member.Address);
            Clear(m.Member.Address);
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Terminated>(OnTerminated);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the node's relay links; <paramref name="settings"/>' listener is owned from here on.</summary>
    public static Props Props(RelayLinkSettings settings) => Akka.Actor.Props.Create(() => new RelayLinksActor(settings));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        var self = Self;
        _ = AcceptLoopAsync(self, _settings.Listener, _stopping.Token);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
        _settings.Listener.Dispose();
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private static async Task AcceptLoopAsync(IActorRef self, Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopping (the listener is closed), or a connection reset before it was accepted,
                // or no descriptors left: a short pause, so a failing accept does not spin.
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(AcceptRetryDelay, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            self.Tell(new LinkAccepted(socket));
        }
    }

    private void OnOpenLinked(OpenLinkedBridge open)
    {
        var node = open.Session.Path.Address;
        var link = _dialed.GetValueOrDefault(node) ?? Dial(node);
        if (link is not null)
        {
            link.Forward(open);
            return;
        }

        open.Open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the tunnel's node is not a cluster member with a relay link; try again"));
    }

    private IActorRef? Dial(Address node)
    {
        if (RelayLinks.EndpointOf(Akka.Cluster.Cluster.Get(Context.System), node) is not { } endPoint)
        {
            return null;
        }

        var link = Context.ActorOf(RelayLinkActor.Dial(_settings, node, endPoint));
        Context.Watch(link);
        _dialed[node] = link;
        return link;
    }

    private void Suspect(Address node)
    {
        if (RelayLinks.EndpointOf(Akka.Cluster.Cluster.Get(Context.System), node) is null)
        {
            return;
        }

        var delay = _suspected.TryGetValue(node, out var last) ? TimeSpan.FromTicks(Math.Min(last.Ticks * 2, LongestProbeDelay.Ticks)) : FirstProbeDelay;
        if (_suspected.TryAdd(node, delay))
        {
            LogNodeSuspected(_settings.Logger, node);
            TellFront(new RelayNodeSuspicion(node, Suspected: true));
        }
        else
        {
            _suspected[node] = delay;
        }

        Timers.StartSingleTimer(node, new ProbeNode(node), delay);
    }

    private void Probe(Address node)
    {
        if (_suspected.ContainsKey(node) && !_dialed.ContainsKey(node) && Dial(node) is null)
        {
            Clear(node);
        }
    }

    private void Clear(Address node)
    {
        Timers.Cancel(node);
        if (_suspected.Remove(node))
        {
            LogNodeCleared(_settings.Logger, node);
            TellFront(new RelayNodeSuspicion(node, Suspected: false));
        }
    }

    private void TellFront(RelayNodeSuspicion suspicion) =>
        Context.ActorSelection(Self.Path.Parent / "tunnels").Tell(suspicion);

    private void OnOpenFar(OpenFarEnd open)
    {
        if (_accepted.TryGetValue(open.LinkId, out var link))
        {
            link.Forward(open);
            return;
        }

        open.Near.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the relay link closed before the stream opened; try again"));
    }

    private void CloseLinkTo(Address node)
    {
        if (_dialed.Remove(node, out var link))
        {
            Context.Stop(link);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        foreach (var (node, link) in _dialed)
        {
            if (link.Equals(terminated.ActorRef))
            {
                _dialed.Remove(node);
                Suspect(node);
                return;
            }
        }

        foreach (var (id, link) in _accepted)
        {
            if (link.Equals(terminated.ActorRef))
            {
                _accepted.Remove(id);
                return;
            }
        }
    }

    // 6010-6019: this actor's events (RelayLinkActor has 6001-6009).
    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "relay node suspected node={Node}: its relay link is down; visitors go to its tunnels' other backends until a link is up again")]
    private static partial void LogNodeSuspected(ILogger logger, Address node);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "relay node no longer suspected node={Node}")]
    private static partial void LogNodeCleared(ILogger logger, Address node);

    private sealed record LinkAccepted(Socket Socket);

    private sealed record ProbeNode(Address Node);
}
