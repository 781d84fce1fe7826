using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
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
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed class RelayLinksActor : ReceiveActor
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly RelayLinkSettings _settings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<Address, IActorRef> _dialed = [];
    private readonly Dictionary<string, IActorRef> _accepted = new(StringComparer.Ordinal);

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
        Receive<ClusterEvent.MemberRemoved>(m => CloseLinkTo(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Terminated>(OnTerminated);
    }

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
        if (!_dialed.TryGetValue(node, out var link))
        {
            if (RelayLinks.EndpointOf(Akka.Cluster.Cluster.Get(Context.System), node) is not { } endPoint)
            {
                open.Open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the tunnel's node is not a cluster member with a relay link; try again"));
                return;
            }

            link = Context.ActorOf(RelayLinkActor.Dial(_settings, node, endPoint));
            Context.Watch(link);
            _dialed[node] = link;
        }

        link.Forward(open);
    }

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

    private sealed record LinkAccepted(Socket Socket);
}
