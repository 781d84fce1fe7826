using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Admin;
using Warren.Relay.Metrics;
using Warren.Relay.Tunnels;
using Warren.Ssh;

namespace Warren.Relay.Sessions;

/// <summary>
/// The admin API's requests to one connection: describe yourself, disconnect, release a tunnel.
/// They are answered in every state (an operator may list or drop a connection that has not
/// logged in), so they are taken before the state's own handlers rather than registered in each.
/// </summary>
public sealed partial class SshConnectionActor
{
    private const string AdminDisconnectText = "disconnected by the relay's administrator";

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        switch (message)
        {
            case DescribeSession:
                Sender.Tell(Describe());
                return true;
            case DisconnectSession disconnect:
                OnAdminDisconnect(disconnect);
                return true;
            case ReleaseTunnel release:
                OnAdminRelease(release);
                return true;
            default:
                return base.AroundReceive(receive, message);
        }
    }

    private SessionView Describe() => new(
        SessionId,
        _remote?.ToString() ?? "unknown",
        _transport is null ? "handshaking" : _authenticated ? "open" : "authenticating",
        _user?.User,
        _authenticated ? _connectedAt : null,
        _channels.Count,

        // An array, not a collection expression: the list may cross to another node, and Akka's
        // JSON serializer cannot rebuild the compiler's own read-only list types.
        _forwards.Values.ToArray());

    private void OnAdminDisconnect(DisconnectSession disconnect)
    {
        Sender.Tell(new SessionDisconnecting(disconnect.SessionId));
        if (_closeReason is not null)
        {
            // Already on its way out.
            return;
        }

        _closeReason = SessionCloseReason.Admin;
        LogAdminDisconnect(SessionId, _remote?.ToString() ?? "unknown", _user?.User ?? "-");
        if (_transport is null)
        {
            Context.Stop(Self);
            return;
        }

        Become(Closing);
        _transport.DisconnectAsync(SshDisconnectReason.ByApplication, AdminDisconnectText).AsTask().PipeTo(Self, success: () => new Closed());
    }

    private void OnAdminRelease(ReleaseTunnel release)
    {
        var released = 0;
        foreach (var (key, tunnel) in _forwards.ToArray())
        {
            if (!string.Equals(tunnel.Name, release.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            ObserveTunnelDropped(key.Address, key.Port);
            _forwards.Remove(key);
            _tunnels.Tell(new UnbindTunnel(tunnel.Name, new TunnelBackend(Self, SessionId, key.Address, key.Port)));
            released++;
        }

        if (released > 0)
        {
            LogAdminRelease(SessionId, release.Name, released);
        }

        Sender.Tell(new TunnelReleased(SessionId, release.Name, released));
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "admin disconnect conn={SessionId} source={Remote} account={Account}")]
    private partial void LogAdminDisconnect(string sessionId, string remote, string account);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "admin release conn={SessionId} tunnel={Tunnel} bindings={Bindings}")]
    private partial void LogAdminRelease(string sessionId, string tunnel, int bindings);
}
