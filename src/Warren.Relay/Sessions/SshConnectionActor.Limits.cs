using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;
using Warren.Ssh;
using Warren.Ssh.Connection;
using Warren.Ssh.Server;

namespace Warren.Relay.Sessions;

/// <summary>
/// The session's share of <see cref="SessionLimits"/>: its parent admits it against the
/// account's session limit right after authentication, and each channel open and
/// <c>tcpip-forward</c> is checked against the per-session limits. Going over refuses that one
/// thing with the limit's reason; what already runs is untouched.
/// </summary>
public sealed partial class SshConnectionActor
{
    private SessionLimits Limits => _options.Limits;

    /// <summary>
    /// SSH has no way to refuse a session once USERAUTH_SUCCESS went out, so the count happens
    /// right after it, before anything of the session is read: over the limit, the client gets a
    /// DISCONNECT that says why (TOO_MANY_CONNECTIONS, RFC 4253 §11.1).
    /// </summary>
    private void Admit()
    {
        Context.Parent.Tell(new AdmitSession(_user!.User, SessionId, _remote?.ToString() ?? "unknown", _connectedAt));
        Become(Admitting);
    }

    private void Admitting()
    {
        Receive<SessionAdmitted>(_ =>
        {
            ObserveSessionAdmitted();
            Become(Open);
            StartReading();
            StartClientAlive();
            StartSendTimeout();
        });
        Receive<SessionRefused>(refused =>
        {
            LogLimitReached(SessionId, _user!.User, LimitKind.SessionsPerAccount, refused.Reason);
            Disconnect(SshDisconnectReason.TooManyConnections, refused.Reason);
        });
        Receive<AuthAttempt>(OnAttempt);
        Receive<Status.Failure>(failure => Fail(failure.Cause));
    }

    /// <summary>False (and OPEN_FAILURE sent) when the session holds as many channels as it may.</summary>
    private bool TryAdmitChannel(uint senderChannel)
    {
        if (_channels.Count < Limits.ChannelsPerSession)
        {
            return true;
        }

        var reason = Limits.RefusalText(LimitKind.ChannelsPerSession);
        LogLimitReached(SessionId, _user!.User, LimitKind.ChannelsPerSession, reason);
        RefuseChannel(senderChannel, (ChannelOpenFailureReason)(uint)SessionLimits.FailureCode, reason);
        return false;
    }

    /// <summary>
    /// The same for a <c>forwarded-tcpip</c> channel a visitor wants on this session: the visitor
    /// is refused, since this session's client never sees the open.
    /// </summary>
    private bool TryAdmitForwardedChannel(IActorRef visitor)
    {
        if (_channels.Count < Limits.ChannelsPerSession)
        {
            return true;
        }

        var reason = Limits.RefusalText(LimitKind.ChannelsPerSession);
        LogLimitReached(SessionId, _user!.User, LimitKind.ChannelsPerSession, reason);
        visitor.Tell(new BridgeOpenFailed(SessionLimits.FailureCode, "the tunnel's session is busy: " + reason));
        return false;
    }

    /// <summary>False (and REQUEST_FAILURE sent, plus an event line in an open shell) when the session has as many forwards as it may.</summary>
    private bool TryAdmitForward(bool wantReply, string address, uint port)
    {
        var held = _forwards.Count;
        foreach (var pending in _replies)
        {
            // Binds still waiting for the registry count: a burst of requests cannot slip past the limit.
            if (pending.Forward && pending.Payload is null)
            {
                held++;
            }
        }

        if (held < Limits.ForwardsPerSession)
        {
            return true;
        }

        var reason = Limits.RefusalText(LimitKind.ForwardsPerSession);
        RefuseForward(wantReply, address, port, reason);
        TellShells(SessionEvents.ForwardRefused(address, port, reason, DateTimeOffset.UtcNow));
        return false;
    }

    /// <summary>Shows a line in every shell of this session; exec channels and closed shells ignore it.</summary>
    private void TellShells(string line)
    {
        var message = new SessionEventLine(line);
        foreach (var channel in _channels.Values)
        {
            channel.Tell(message);
        }
    }
}
