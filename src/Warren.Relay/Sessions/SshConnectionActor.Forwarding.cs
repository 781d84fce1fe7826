using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Relay.Metrics;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Relay.Sessions;

/// <summary>
/// Forwarding (RFC 4254 §7): <c>tcpip-forward</c> binds a tunnel name in the registry with this
/// session as a backend, <c>cancel-tcpip-forward</c> unbinds it, <c>direct-tcpip</c> opens a
/// visitor's channel, and another session's visitor asks here for a <c>forwarded-tcpip</c> channel.
/// Global-request replies keep the order of the requests (RFC 4254 §4) even when a bind waits
/// for the registry.
/// </summary>
public sealed partial class SshConnectionActor
{
    private readonly Dictionary<(string Address, uint Port), TunnelInfo> _forwards = [];
    private readonly Queue<PendingReply> _replies = new();

    private string SessionId => $"conn-{_start.Id}";

    private void ForwardingMessages()
    {
        Receive<TunnelBound>(OnTunnelBound);
        Receive<TunnelBindRefused>(OnTunnelBindRefused);
        Receive<TunnelTakenOver>(OnTunnelTakenOver);
        Receive<TunnelUnbound>(_ => { });
        Receive<TunnelNotFound>(_ => { });
        Receive<OpenForwardedTcpip>(OnOpenForwardedTcpip);
        Receive<StartSocketChannel>(OnStartSocketChannel);
        PortMessages();
        TunnelOptionMessages();
    }

    private void OnTcpipForward(GlobalRequest request, ReadOnlySpan<byte> data)
    {
        if (!TcpipForwardRequest.TryReadData(data, out var forward))
        {
            RefuseForward(request.WantReply, "?", 0, "malformed tcpip-forward request");
            return;
        }

        var address = forward.AddressToBind;
        var port = forward.PortToBind;
        if (_forwardsRefused is { } problem)
        {
            RefuseForward(request.WantReply, address, port, "the session's tunnel options were refused: " + problem);
            return;
        }

        if (!TryAdmitForward(request.WantReply, address, port))
        {
            return;
        }

        var decision = ListenPolicy.Decide(_user!.Permissions, address, port);
        if (!decision.IsAllowed)
        {
            RefuseForward(request.WantReply, address, port, decision.Reason);
            return;
        }

        // The reply keeps its place among the global requests' replies while the forward waits.
        var reply = new PendingReply(request.WantReply) { Forward = true };
        _replies.Enqueue(reply);
        if (_tunnelOptions is null)
        {
            DeferForward(reply, address, port);
            return;
        }

        StartForward(reply, address, port);
    }

    /// <summary>Binds a forward whose reply waits in <paramref name="reply"/>, with the session's settled options.</summary>
    private void StartForward(PendingReply reply, string address, uint port)
    {
        var kind = TunnelBindAddress.Classify(address, port);
        if (kind == RemoteForwardKind.TcpListener)
        {
            OpenForwardPort(reply, address, port);
            return;
        }

        // The backend carries the address string and port exactly as sent: forwarded-tcpip echoes them (RFC 4254 §7.2).
        var options = _tunnelOptions!;
        var backend = new TunnelBackend(Self, SessionId, address, port) { Options = options };
        reply.Bind = backend;
        _tunnels.Tell(kind == RemoteForwardKind.NamedTunnel
            ? new BindTunnel(address, _user!.User, backend, options.Bind)
            : new BindGeneratedTunnel(_user!.User, backend));
    }

    private void OnCancelTcpipForward(GlobalRequest request, ReadOnlySpan<byte> data)
    {
        if (TcpipForwardRequest.TryReadData(data, out var port) && TryCloseForwardPort(port.AddressToBind, port.PortToBind))
        {
            Reply(request.WantReply, success: true);
            return;
        }

        if (!TcpipForwardRequest.TryReadData(data, out var forward)
            || !_forwards.TryGetValue((forward.AddressToBind, forward.PortToBind), out var tunnel))
        {
            Reply(request.WantReply, success: false);
            return;
        }

        CancelTunnelForward(forward.AddressToBind, forward.PortToBind, tunnel);
        Reply(request.WantReply, success: true);
    }

    private void OnTunnelBound(TunnelBound bound)
    {
        if (TakePending(bound.Backend) is not { } pending)
        {
            return;
        }

        if (_forwardsRefused is not null)
        {
            // The options were refused while this bind was in flight: it does not serve.
            _tunnels.Tell(new UnbindTunnel(bound.Name, bound.Backend));
            pending.Payload = FailureReply();
            DrainReplies();
            AnswerSnapshotWaiters();
            return;
        }

        var kind = bound.Kind switch
        {
            Tunnels.TunnelKind.Http => TunnelKind.Http,
            Tunnels.TunnelKind.Tls => TunnelKind.Tls,
            _ => TunnelKind.Alias,
        };
        ObserveTunnelDropped(bound.Backend.BindAddress, bound.Backend.BindPort);
        RelayMetrics.TunnelBound(kind);
        _forwards[(bound.Backend.BindAddress, bound.Backend.BindPort)] = new TunnelInfo(bound.Name, kind, (int)bound.Backend.BindPort, SessionId, DateTimeOffset.UtcNow);
        var shown = HostPortText.Printable(bound.Backend.BindAddress);
        LogForwardBound(SessionId, _user!.User, bound.Name, bound.Kind, bound.Outcome, shown, bound.Backend.BindPort);
        ApplyOptionsToNewTunnel(bound.Name);
        pending.Payload = Encode(new RequestSuccess(null));
        DrainReplies();
        AnswerSnapshotWaiters();
    }

    private void OnTunnelBindRefused(TunnelBindRefused refused)
    {
        if (TakePending(refused.Backend) is not { } pending)
        {
            return;
        }

        var shown = HostPortText.Printable(refused.Backend.BindAddress);
        LogForwardRefused(SessionId, _user!.User, shown, refused.Backend.BindPort, refused.Reason);
        RelayMetrics.BindRefused(refused.Reason);
        pending.Payload = FailureReply();
        DrainReplies();
        AnswerSnapshotWaiters();
    }

    private void OnTunnelTakenOver(TunnelTakenOver takenOver)
    {
        ObserveTunnelDropped(takenOver.Backend.BindAddress, takenOver.Backend.BindPort);
        if (_forwards.Remove((takenOver.Backend.BindAddress, takenOver.Backend.BindPort)))
        {
            LogForwardTakenOver(SessionId, takenOver.Name);
        }
    }

    private void OnOpenForwardedTcpip(OpenForwardedTcpip open)
    {
        if (!_forwards.TryGetValue((open.Target.ConnectedAddress, open.Target.ConnectedPort), out var tunnel))
        {
            open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the session that served this tunnel no longer does; try again"));
            return;
        }

        if (!TryAdmitForwardedChannel(open.Peer))
        {
            return;
        }

        var local = _nextChannelId++;
        AddChannel(local, Context.ActorOf(ForwardedTcpipChannelActor.Props(local, open.Target, open.Peer, _options.IdleTimeout, RelayMetrics.ForTunnel(tunnel.Name)), $"ch-{local}"));
        ObserveChannelOpened(local, ChannelTypes.ForwardedTcpip);
    }

    private void OpenDirectTcpip(ChannelOpen open, ReadOnlySpan<byte> channelData)
    {
        if (!DirectTcpip.TryReadData(channelData, out var request))
        {
            RefuseChannel(open.SenderChannel, ChannelOpenFailureReason.ConnectFailed, "malformed direct-tcpip request");
            return;
        }

        var local = _nextChannelId++;
        var context = new DirectTcpipChannelContext(
            local, open.SenderChannel, open.InitialWindowSize, open.MaximumPacketSize, request,
            _user!.User, _user.Permissions, _options.DirectTargets, _tunnels, SessionId, _logger, _options.BufferPool)
        {
            IdleTimeout = _options.IdleTimeout,
        };
        AddChannel(local, Context.ActorOf(DirectTcpipChannelActor.Props(context), $"ch-{local}"));
        ObserveChannelOpened(local, ChannelTypes.DirectTcpip);
    }

    private void OnStartSocketChannel(StartSocketChannel start)
    {
        // The direct-tcpip actor that connected hands its channel number over; it has not confirmed the channel yet.
        var local = start.Start.LocalChannel;
        if (!_channelIds.Remove(Sender, out var owned) || owned != local)
        {
            start.Start.Socket.Dispose();
            return;
        }

        Context.Unwatch(Sender);
        Context.Stop(Sender);
        AddChannel(local, Context.ActorOf(SocketChannelActor.Props(start.Start), $"tcp-{local}"));
        _pooledDataChannels.Add(local);
    }

    private void AddChannel(uint local, IActorRef child)
    {
        Context.Watch(child);
        _channels[local] = child;
        _channelIds[child] = local;
    }

    private void RefuseForward(bool wantReply, string address, uint port, string reason) =>
        RefuseForward(new PendingReply(wantReply), address, port, reason);

    /// <summary>Refuses the forward whose reply is <paramref name="reply"/> (queued already, or new).</summary>
    private void RefuseForward(PendingReply reply, string address, uint port, string reason)
    {
        var shown = HostPortText.Printable(address);
        LogForwardRefused(SessionId, _user!.User, shown, port, reason);
        RelayMetrics.BindRefused(reason);
        reply.Payload = FailureReply();
        if (!_replies.Contains(reply))
        {
            _replies.Enqueue(reply);
        }

        DrainReplies();
    }

    /// <summary>Replies to a global request in its turn: after every earlier request's reply.</summary>
    private void Reply(bool wantReply, bool success)
    {
        _replies.Enqueue(new PendingReply(wantReply)
        {
            Payload = success ? Encode(new RequestSuccess(null)) : FailureReply(),
        });
        DrainReplies();
    }

    private PendingReply? TakePending(TunnelBackend backend)
    {
        foreach (var pending in _replies)
        {
            if (pending.Payload is null && backend.Equals(pending.Bind))
            {
                return pending;
            }
        }

        return null;
    }

    private void DrainReplies()
    {
        while (_replies.TryPeek(out var head) && head.Payload is not null)
        {
            _replies.Dequeue();
            if (head.WantReply)
            {
                Send(head.Payload);
            }
        }
    }

    private static byte[] Encode(RequestSuccess success)
    {
        var buffer = new byte[success.GetSize()];
        success.WriteTo(buffer);
        return buffer;
    }

    private static byte[] FailureReply()
    {
        var buffer = new byte[RequestFailure.Size];
        RequestFailure.WriteTo(buffer);
        return buffer;
    }

    /// <summary>One global request waiting for its reply; <see cref="Payload"/> is set when the answer is known.</summary>
    private sealed class PendingReply(bool wantReply)
    {
        public bool WantReply { get; } = wantReply;

        /// <summary>A tcpip-forward: it counts against the session's forwards while it waits.</summary>
        public bool Forward { get; init; }

        /// <summary>The backend a named forward binds, once its options are settled.</summary>
        public TunnelBackend? Bind { get; set; }

        public byte[]? Payload { get; set; }
    }
}
