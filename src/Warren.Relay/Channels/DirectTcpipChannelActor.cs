using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Forwarding;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// A visitor's <c>direct-tcpip</c> channel (<c>ssh -L</c>, <c>ssh -W</c>, <c>ssh -D</c>; RFC 4254 §7.2)
/// to a tunnel: resolves the name, asks the tunnel's session for a <c>forwarded-tcpip</c> channel
/// to its client, and confirms this channel once that one is open; then relays both ways.
/// <code>
///   Resolving --tunnel found, policy allows--> AwaitingPeer --BridgeOpened--> Open --> stopped
///       |  |                                       |
///       |  +-- not found / refused ----------------+-- open failed, session gone, timeout --> OPEN_FAILURE, stopped
///       +-- real host allowed --> Connecting --connected--> StartSocketChannel to the connection, stopped by it
///                                      +-- refused, no DNS, timeout, address not allowed --> OPEN_FAILURE, stopped
/// </code>
/// A real host allowed by <c>--permit-open</c> is resolved and connected instead (Connecting); once
/// connected, the connection replaces this actor with a <see cref="SocketChannelActor"/> for the
/// same channel number (<see cref="StartSocketChannel"/>), which confirms the channel.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class DirectTcpipChannelActor : BridgedChannelActor
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(15);

    private readonly DirectTcpipChannelContext _context;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private string _tunnel = string.Empty;
    private IActorRef _session = ActorRefs.Nobody;
    private bool _answered;

    /// <summary>Props for a direct-tcpip channel the client asked to open; it is not confirmed yet.</summary>
    public static Props Props(DirectTcpipChannelContext context) =>
        Akka.Actor.Props.Create(() => new DirectTcpipChannelActor(context));

    public DirectTcpipChannelActor(DirectTcpipChannelContext context)
        : base(context.LocalChannel, context.IdleTimeout)
    {
        _context = context;
        _logger = context.Logger;
        Resolving();
    }

    private DirectTcpip Request => _context.Request;

    /// <inheritdoc />
    protected override void PreStart()
    {
        var host = Request.HostToConnect;
        if (TunnelName.Normalize(host) is { } name)
        {
            // Syntax first: only a DNS label can be a tunnel; the registry says whether one is live.
            _context.Tunnels.Ask<object>(new ResolveTunnel(name, _context.Account), ResolveTimeout)
                .PipeTo(Self, success: answer => new Resolution(answer), failure: error => new Resolution(new Status.Failure(error)));
            return;
        }

        Decide(null);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void Resolving()
    {
        Receive<Resolution>(resolution => Decide(resolution.Answer));
    }

    private void Decide(object? answer)
    {
        switch (answer)
        {
            case TunnelRefused refused:
                Refuse(ChannelOpenFailureCode.AdministrativelyProhibited, refused.Reason);
                return;
            case Status.Failure:
                Refuse(ChannelOpenFailureCode.ConnectFailed, "the tunnel registry did not answer in time; try again");
                return;
        }

        var resolved = answer as TunnelResolved;
        var decision = _context.Policy.Decide(Request.HostToConnect, Request.PortToConnect, _context.Permissions, _ => resolved is not null);
        switch (decision.Kind)
        {
            case DirectTargetKind.Refused:
                Refuse(decision.FailureCode, decision.Reason);
                return;
            case DirectTargetKind.RealHost:
                ConnectRealHost(decision);
                return;
        }

        var backend = resolved!.Backend;
        _tunnel = resolved.Name;
        if (backend.BindPort != Request.PortToConnect)
        {
            Refuse(ChannelOpenFailureCode.ConnectFailed, $"tunnel '{_tunnel}' serves port {backend.BindPort}, not {Request.PortToConnect}; write {_tunnel}:{backend.BindPort}");
            return;
        }

        // RFC 4254 §7.2: "address that was connected" and its port echo the client's tcpip-forward exactly.
        var target = new ForwardedTcpip(backend.BindAddress, backend.BindPort, Request.OriginatorAddress, Request.OriginatorPort);
        _session = backend.Session;
        Context.Watch(_session);
        Cluster.Links.RelayLinks.OpenBridge(Context, _session, new OpenForwardedTcpip(target, Self));
        Context.SetReceiveTimeout(OpenTimeout);
        Become(AwaitingPeer);
    }

    private void AwaitingPeer()
    {
        Receive<BridgeOpened>(opened =>
        {
            Context.SetReceiveTimeout(null);
            Context.Unwatch(_session);
            var confirmation = new byte[ChannelOpenConfirmation.Size];
            new ChannelOpenConfirmation(_context.RemoteChannel, LocalChannel, LocalWindow, LocalMaximumPacket).WriteTo(confirmation);
            Send(confirmation);
            LogBridged(_context.SessionId, LocalChannel, _tunnel, opened.Peer.Path.Parent.Name);
            EnterOpen(_context.RemoteChannel, _context.RemoteWindow, _context.RemoteMaximumPacket, opened.Peer, peerGone: false);
        });
        Receive<BridgeOpenFailed>(failed => Refuse(failed.Code, failed.Reason));
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_session))
            {
                Refuse(ChannelOpenFailureCode.ConnectFailed, $"the session serving tunnel '{_tunnel}' ended; try again");
            }
        });
        Receive<ReceiveTimeout>(_ => Refuse(ChannelOpenFailureCode.ConnectFailed, $"tunnel '{_tunnel}' did not answer in {OpenTimeout.TotalSeconds:0} s"));
    }

    private void ConnectRealHost(DirectTargetDecision decision)
    {
        RealHostConnector.ConnectAsync(decision, _context.Policy, ConnectTimeout, _stopping.Token).PipeTo(Self);
        Become(Connecting);
    }

    private void Connecting()
    {
        Receive<RealHostConnection>(connection =>
        {
            if (connection.Socket is not { } socket)
            {
                Refuse(connection.FailureCode, connection.Text);
                return;
            }

            // The socket channel answers the client's open from here on; this actor is stopped without a word.
            _answered = true;
            LogConnected(_context.SessionId, LocalChannel, connection.Text);
            var remote = new SocketChannelRemote(_context.RemoteChannel, _context.RemoteWindow, _context.RemoteMaximumPacket);
            Connection.Tell(new StartSocketChannel(SocketChannelStart.Confirm(LocalChannel, socket, _context.Pool, remote) with { IdleTimeout = _context.IdleTimeout }));
        });
    }

    /// <inheritdoc />
    protected override void OnStoppedBeforeOpen()
    {
        // Stopped by a fault before an answer: the client's open must still fail, not hang.
        if (!_answered)
        {
            SendOpenFailure(ChannelOpenFailureCode.ConnectFailed, "the relay failed while opening this channel; try again");
        }
    }

    private void Refuse(ChannelOpenFailureCode code, string reason)
    {
        SendOpenFailure(code, reason);
        Context.Stop(Self);
    }

    private void SendOpenFailure(ChannelOpenFailureCode code, string reason)
    {
        _answered = true;
        // A refusal is rare and its host is the client's text: made printable before it reaches the log.
        var host = HostPortText.Printable(Request.HostToConnect);
        LogRefused(_context.SessionId, host, Request.PortToConnect, code, reason);
        var failure = new ChannelOpenFailure(_context.RemoteChannel, (ChannelOpenFailureReason)(uint)code, reason);
        var buffer = new byte[failure.GetSize()];
        failure.WriteTo(buffer);
        Send(buffer);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "direct-tcpip refused conn={SessionId} target={Host}:{Port} code={Code} reason={Reason}")]
    private partial void LogRefused(string sessionId, string host, uint port, ChannelOpenFailureCode code, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "direct-tcpip bridged conn={SessionId} channel={Channel} tunnel={Tunnel} backend={Backend}")]
    private partial void LogBridged(string sessionId, uint channel, string tunnel, string backend);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "direct-tcpip connected conn={SessionId} channel={Channel} target={Target}")]
    private partial void LogConnected(string sessionId, uint channel, string target);

    private sealed record Resolution(object? Answer);
}
