using System.Net;
using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Relay.Edge;

/// <summary>
/// The visitor's side of a bridge for one edge connection (child of <c>/user/node/edge-http</c>
/// or <c>/edge-tls</c>): resolves the tunnel, asks its session for a <c>forwarded-tcpip</c>
/// channel, then moves bytes between the channel and its <see cref="TunnelStream"/>.
/// <code>
///   Resolving --found, right kind--> AwaitingChannel --BridgeOpened--> Open --channel gone / stream disposed--> stopped
///       |                                 |
///       +-- unknown, timeout, canceled ---+-- open failed, session ended, timeout, canceled --> stopped (result says why)
/// </code>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stream belongs to the edge code that opened it, which disposes it.")]
internal sealed class TunnelStreamActor : ReceiveActor
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(15);

    private readonly OpenTunnelStream _request;
    private readonly IActorRef _tunnels;
    private readonly TunnelStream _stream;
    private IActorRef _session = ActorRefs.Nobody;
    private IActorRef _channel = ActorRefs.Nobody;
    private CancellationTokenRegistration _cancellation;
    private EdgeTunnelOptions _options = EdgeTunnelOptions.Default;

    public TunnelStreamActor(OpenTunnelStream request, IActorRef tunnels)
    {
        _request = request;
        _tunnels = tunnels;
        _stream = new TunnelStream(Self, request.Kind == TunnelKind.Tls ? Metrics.RelayEdge.Tls : Metrics.RelayEdge.Http);
        Resolving();
    }

    public static Props Props(OpenTunnelStream request, IActorRef tunnels) =>
        Akka.Actor.Props.Create(() => new TunnelStreamActor(request, tunnels));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var self = Self;
        _cancellation = _request.Cancellation.Register(() => self.Tell(TunnelStreamDisposed.Instance));
        if (_request.Backend is { } chosen)
        {
            Self.Tell(new Resolution(new TunnelResolved(_request.Name, _request.Kind, chosen)));
            return;
        }

        _tunnels.Ask<object>(new ResolveTunnel(_request.Name, null), ResolveTimeout)
            .PipeTo(Self, success: answer => new Resolution(answer), failure: error => new Resolution(new Status.Failure(error)));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancellation.Dispose();

        // A stop before the channel opened is a failure the caller must hear about; afterwards the stream ends.
        _request.Result.TrySetResult(TunnelOpenResult.Failed(TunnelOpenFailure.Canceled, "the edge stopped"));
        _stream.OnClosed();
        if (!_channel.IsNobody())
        {
            _channel.Tell(BridgeClose.Instance);
        }
    }

    private void Resolving()
    {
        Receive<Resolution>(resolution => Decide(resolution.Answer));
        Receive<TunnelStreamDisposed>(_ => Fail(TunnelOpenFailure.Canceled, "the visitor left"));
    }

    private void Decide(object answer)
    {
        switch (answer)
        {
            case TunnelResolved resolved when resolved.Kind == _request.Kind:
                // RFC 4254 §7.2: the connected address and port echo the client's tcpip-forward exactly.
                var backend = resolved.Backend;
                if (!IPAddress.TryParse(_request.OriginatorAddress, out var visitor) || !backend.Options.AllowsVisitor(visitor))
                {
                    // allow=: refused before the tunnel's session hears of the visitor.
                    Fail(TunnelOpenFailure.NotAllowed, $"visitor {_request.OriginatorAddress} is not in the allow= list of tunnel '{resolved.Name}'");
                    return;
                }

                _options = backend.Options;
                var target = new ForwardedTcpip(backend.BindAddress, backend.BindPort, _request.OriginatorAddress, _request.OriginatorPort);
                _session = backend.Session;
                Context.Watch(_session);
                Cluster.Links.RelayLinks.OpenBridge(Context, _session, new OpenForwardedTcpip(target, Self));
                Context.SetReceiveTimeout(OpenTimeout);
                Become(AwaitingChannel);
                return;
            case TunnelResolved resolved:
                Fail(TunnelOpenFailure.UnknownName, $"tunnel '{resolved.Name}' is {resolved.Kind}, not {_request.Kind}");
                return;
            case Status.Failure:
                Fail(TunnelOpenFailure.Timeout, "the tunnel registry did not answer in time");
                return;
            default:
                Fail(TunnelOpenFailure.UnknownName, $"no tunnel '{_request.Name}'");
                return;
        }
    }

    private void AwaitingChannel()
    {
        Receive<BridgeOpened>(opened =>
        {
            Context.SetReceiveTimeout(null);
            Context.Unwatch(_session);
            _channel = opened.Peer;
            Context.Watch(_channel);
            _stream.OnOpened(_request.Name, _channel);
            _cancellation.Dispose();
            Become(Open);
            if (!_request.Result.TrySetResult(new TunnelOpenResult(_stream, TunnelOpenFailure.None, string.Empty) { Options = _options }))
            {
                // The caller gave up meanwhile: nobody owns the stream, so close it here.
                Context.Stop(Self);
            }
        });
        Receive<BridgeOpenFailed>(failed => Fail(
            failed.Code == Sessions.SessionLimits.FailureCode ? TunnelOpenFailure.OverLimit : TunnelOpenFailure.BackendFailed,
            failed.Reason));
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_session))
            {
                Fail(TunnelOpenFailure.BackendFailed, "the session serving the tunnel ended");
            }
        });
        Receive<ReceiveTimeout>(_ => Fail(TunnelOpenFailure.Timeout, $"the tunnel did not open a channel in {OpenTimeout.TotalSeconds:0} s"));
        Receive<TunnelStreamDisposed>(_ => Fail(TunnelOpenFailure.Canceled, "the visitor left"));
    }

    private void Open()
    {
        Receive<BridgeData>(_stream.OnData);
        Receive<BridgeAck>(ack => _stream.OnAck(ack.Length));
        Receive<BridgeEof>(_ => _stream.OnInputEnded());
        Receive<BridgeClose>(_ =>
        {
            // The channel closes itself; it needs no close back.
            _channel = ActorRefs.Nobody;
            Context.Stop(Self);
        });
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_channel))
            {
                _channel = ActorRefs.Nobody;
                Context.Stop(Self);
            }
        });
        Receive<TunnelStreamDisposed>(_ => Context.Stop(Self));
    }

    private void Fail(TunnelOpenFailure failure, string reason)
    {
        _request.Result.TrySetResult(TunnelOpenResult.Failed(failure, reason));
        Context.Stop(Self);
    }

    private sealed record Resolution(object Answer);
}
