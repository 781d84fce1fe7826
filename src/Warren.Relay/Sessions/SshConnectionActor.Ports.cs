using System.Globalization;
using System.Net;
using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Relay.Listeners;
using Warren.Ssh.Connection;

namespace Warren.Relay.Sessions;

/// <summary>
/// Relay ports (<c>ssh -R 0:HOST:PORT</c>, <c>ssh -R PORT:HOST:PORT</c> with no name): a real TCP
/// listener on the relay within --forward-ports, a <see cref="ForwardPortListenerActor"/> child per
/// forward, and a <c>forwarded-tcpip</c> channel to the client for each visitor.
/// </summary>
public sealed partial class SshConnectionActor
{
    /// <summary>The listeners of this session, by the bind address and port the client sent.</summary>
    private readonly Dictionary<(string Address, uint Port), (IActorRef Listener, uint Port)> _ports = [];

    private void PortMessages()
    {
        Receive<ForwardPortVisitor>(OnForwardPortVisitor);
    }

    private void OpenForwardPort(PendingReply reply, string address, uint port)
    {
        if (_ports.ContainsKey((address, port)))
        {
            RefuseForward(reply, address, port, "this session already forwards that port");
            return;
        }

        if (!ForwardPortBinder.TryBind(_options.ForwardPorts, _options.ForwardBindAddress, port, out var socket, out var bound, out var error))
        {
            RefuseForward(reply, address, port, error);
            return;
        }

        var allocated = (uint)bound;
        var listener = Context.ActorOf(ForwardPortListenerActor.Props(socket, address, allocated), $"port-{bound.ToString(CultureInfo.InvariantCulture)}");
        _ports[(address, port)] = (listener, allocated);
        var name = "port-" + bound.ToString(CultureInfo.InvariantCulture);
        _forwards[(address, port)] = new TunnelInfo(name, TunnelKind.Port, bound, SessionId, DateTimeOffset.UtcNow);
        var shown = HostPortText.Printable(address);
        LogForwardPortOpened(SessionId, _user!.User, shown, port, bound);

        // RFC 4254 §7.1: the reply carries the port only when the client asked for port 0.
        reply.Payload = Encode(new RequestSuccess(port == 0 ? allocated : null));
        DrainReplies();
    }

    /// <summary>Stops the listener of a cancel-tcpip-forward; OpenSSH names a port-0 forward by its request or its allocated port.</summary>
    private bool TryCloseForwardPort(string address, uint port)
    {
        var key = (address, port);
        if (!_ports.ContainsKey(key))
        {
            foreach (var (candidate, value) in _ports)
            {
                if (candidate.Address == address && value.Port == port)
                {
                    key = candidate;
                    break;
                }
            }
        }

        if (!_ports.Remove(key, out var entry))
        {
            return false;
        }

        _forwards.Remove(key);
        Context.Stop(entry.Listener);
        LogForwardPortClosed(SessionId, entry.Port);
        return true;
    }

    private void OnForwardPortVisitor(ForwardPortVisitor visitor)
    {
        if (_channels.Count >= Limits.ChannelsPerSession)
        {
            // The visitor has no SSH to read a reason in: its connection closes, and the operator sees why.
            var reason = Limits.RefusalText(LimitKind.ChannelsPerSession);
            LogLimitReached(SessionId, _user!.User, LimitKind.ChannelsPerSession, reason);
            visitor.Socket.Dispose();
            return;
        }

        var origin = visitor.Socket.RemoteEndPoint as IPEndPoint;
        var options = _tunnelOptions ?? Edge.EdgeTunnelOptions.Default;
        if (origin is null || !options.AllowsVisitor(origin.Address))
        {
            // allow=: a visitor from elsewhere is closed before the client hears of it.
            LogVisitorNotAllowed(SessionId, origin, visitor.Port);
            visitor.Socket.Dispose();
            return;
        }

        var originator = HostPortText.Normalize(origin.Address).ToString();
        var preamble = options.ProxyProtocol == 0
            ? []
            : Edge.ProxyProtocolHeader.Create(options.ProxyProtocol, origin, visitor.Socket.LocalEndPoint as IPEndPoint);

        // RFC 4254 §7.2: the address and port echo the client's tcpip-forward (the allocated port for 0).
        var open = new ForwardedTcpip(visitor.BindAddress, visitor.Port, originator, (uint)origin.Port);
        var local = _nextChannelId++;
        var start = SocketChannelStart.OpenForwarded(local, visitor.Socket, _options.BufferPool, open) with { IdleTimeout = _options.IdleTimeout, Preamble = preamble };
        AddChannel(local, Context.ActorOf(SocketChannelActor.Props(start), $"tcp-{local}"));
        _pooledDataChannels.Add(local);
    }
}
