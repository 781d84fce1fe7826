using System.Text;
using Akka.Actor;
using Warren.Relay.Admin;
using Warren.Relay.Edge;
using Warren.Relay.Sessions;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// A "session" channel (RFC 4254 §6): the relay has no shell, so a shell prints the session's
/// tunnels and waits for Ctrl-C, Ctrl-D or EOF; <c>exec</c> runs the relay's own commands (help,
/// tunnels, status, with --json); subsystems, X11 and agent forwarding are refused politely.
/// <code>
///   Opened --shell--> Interactive --Ctrl-C/Ctrl-D/EOF--> closing (exit-status, EOF, CLOSE)
///   Opened --exec---> (output, exit-status, EOF, CLOSE)
///   Opened --exec of tunnel options--> applied: Interactive, as a shell | refused: (stderr, exit-status 2, EOF, CLOSE)
///   any    --CLOSE from the peer--> CLOSE, stopped
/// </code>
/// </summary>
public sealed partial class SessionChannelActor : ReceiveActor
{
    // The client types little into a relay's shell; a small window bounds what it can queue here.
    internal const uint LocalWindow = 64 * 1024;
    internal const uint LocalMaximumPacket = 32 * 1024;

    // The account's other sessions answer within the collector's 2 s, or are left out.
    private static readonly TimeSpan AccountSessionsTimeout = TimeSpan.FromSeconds(3);

    private readonly SessionChannelContext _context;
    private readonly IActorRef _connection;
    private readonly ChannelReceiveWindow _receive = new(LocalWindow, LocalMaximumPacket);
    private readonly ChannelSendWindow _send;
    private readonly Queue<(uint? ExtendedType, byte[] Data)> _pendingOutput = new();
    private bool _pty;
    private bool _started;
    private bool _endWhenStarted;
    private string? _pendingCommand;
    private bool _awaitingSnapshot;
    private bool _closeSent;
    private bool _ending;
    private int _headOffset;
    private uint _exitStatus;

    /// <summary>Props for a session channel already confirmed to the peer.</summary>
    public static Props Props(SessionChannelContext context) => Akka.Actor.Props.Create(() => new SessionChannelActor(context));

    /// <summary>Creates the channel; the connection has sent OPEN_CONFIRMATION.</summary>
    public SessionChannelActor(SessionChannelContext context)
    {
        _context = context;
        _connection = Context.Parent;
        _send = new ChannelSendWindow(context.RemoteWindow, context.RemoteMaximumPacket);
        Receive<ChannelInbound>(inbound => OnInbound(inbound.Payload));
        Receive<SessionSnapshot>(OnSnapshot);
        Receive<AccountSessionsAnswer>(answer => RunCommand(answer.Request, answer.Snapshot, answer.Sessions));
        Receive<SessionEventLine>(OnEventLine);
        Receive<Status.Failure>(_ => RefuseOptions("the relay could not apply the options to this session's tunnels in time; connect again"));
    }

    private uint Remote => _context.RemoteChannel;

    /// <inheritdoc />
    protected override void PostStop()
    {
        // Stopped by a fault: the channel still closes, so the client is not left waiting on it.
        SendClose();
        base.PostStop();
    }

    private void OnInbound(byte[] payload)
    {
        switch (payload[0])
        {
            case SshMessageNumber.ChannelRequest:
                OnRequest(payload);
                break;
            case SshMessageNumber.ChannelData:
                if (!ChannelData.TryRead(payload, out _, out var offset, out var length))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed CHANNEL_DATA");
                }

                OnData(payload.AsSpan(offset, length));
                break;
            case SshMessageNumber.ChannelExtendedData:
                break;
            case SshMessageNumber.ChannelWindowAdjust:
                if (!ChannelWindowAdjust.TryRead(payload, out var adjust) || !_send.TryAdjust(adjust.BytesToAdd, out _))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "bad WINDOW_ADJUST");
                }

                FlushOutput();
                break;
            case SshMessageNumber.ChannelEof:
                EndOnInput();

                break;
            case SshMessageNumber.ChannelClose:
                SendClose();
                Context.Stop(Self);
                break;
        }
    }

    private void OnRequest(byte[] payload)
    {
        if (!ChannelRequest.TryRead(payload, out var request, out var data))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed CHANNEL_REQUEST");
        }

        switch (request.RequestType)
        {
            case ChannelRequestTypes.PtyReq:
                // No terminal exists; the greeting is written with CR LF so it lands well on one.
                _pty = true;
                Reply(request.WantReply, success: true);
                break;
            case ChannelRequestTypes.WindowChange:
            case ChannelRequestTypes.KeepAlive when !request.WantReply:
                break;
            case ChannelRequestTypes.Shell when !_started:
                Start(request.WantReply, command: null);
                break;
            case ChannelRequestTypes.Exec when !_started && Ssh.Connection.ExecRequest.TryReadData(data, out var exec):
                if (EdgeTunnelOptionsParser.LooksLikeOptions(exec.Command))
                {
                    StartWithOptions(request.WantReply, exec.Command);
                }
                else
                {
                    Start(request.WantReply, exec.Command);
                }

                break;
            default:
                Reply(request.WantReply, success: false);
                break;
        }
    }

    private void Start(bool wantReply, string? command)
    {
        // The greeting and the commands show the session as it is now, which the connection knows.
        _started = true;
        _awaitingSnapshot = true;
        _pendingCommand = command;
        Reply(wantReply, success: true);
        _connection.Tell(SessionSnapshotRequest.Instance);
    }

    private void OnSnapshot(SessionSnapshot snapshot)
    {
        if (!_awaitingSnapshot || _closeSent)
        {
            return;
        }

        _awaitingSnapshot = false;
        if (_pendingCommand is { } command)
        {
            var request = ExecCommands.Parse(command);
            if (request.NeedsAccount)
            {
                AskAccountSessions(request, snapshot);
                return;
            }

            RunCommand(request, snapshot, null);
            return;
        }

        Write(null, ShellGreeting.Format(snapshot.Session, snapshot.Tunnels, _context.Relay, _tunnelOptions));
        if (_endWhenStarted)
        {
            End(0);
        }
    }

    // EOF, Ctrl-C or Ctrl-D at the shell; one that comes before the greeting ends the shell after it.
    // An exec command ends when it has answered: a client's EOF on stdin (plink, ssh < /dev/null)
    // arrives while it is still asking for the account's sessions and must not cut it short.
    private void EndOnInput()
    {
        if (!_started || _ending || _pendingCommand is not null)
        {
            return;
        }

        if (_awaitingSnapshot)
        {
            _endWhenStarted = true;
            return;
        }

        End(0);
    }

    /// <summary>
    /// <c>tunnels</c> and <c>status</c> report the whole account: its sessions on this node, or
    /// on every node through the account's entity. Without an answer in time the command still
    /// runs, on this session alone.
    /// </summary>
    private void AskAccountSessions(Sessions.ExecRequest request, SessionSnapshot snapshot)
    {
        var sessions = Context.ActorSelection(_connection.Path.Parent);
        sessions.Ask<SessionList>(new DescribeAccountSessions(snapshot.Session.Account), AccountSessionsTimeout)
            .PipeTo(Self, success: list => new AccountSessionsAnswer(request, snapshot, list), failure: _ => new AccountSessionsAnswer(request, snapshot, null));
    }

    private void RunCommand(Sessions.ExecRequest parsed, SessionSnapshot snapshot, SessionList? account)
    {
        if (_closeSent)
        {
            return;
        }

        var (tunnels, sessions) = AccountView(snapshot, account);
        var context = new ExecContext(snapshot.Session, tunnels, sessions, _context.Limits, _context.Relay, DateTimeOffset.UtcNow);
        var result = ExecCommands.Run(parsed, context);
        if (result.Stdout.Length > 0)
        {
            Write(null, result.Stdout);
        }

        if (result.Stderr.Length > 0)
        {
            Write(ChannelExtendedData.Stderr, result.Stderr);
        }

        End((uint)result.ExitStatus);
    }

    /// <summary>The account's tunnels and session count: this session's from its snapshot (fresher), the others' as they described themselves.</summary>
    private static (IReadOnlyList<TunnelInfo> Tunnels, int Sessions) AccountView(SessionSnapshot snapshot, SessionList? account)
    {
        if (account is null)
        {
            return (snapshot.Tunnels, 1);
        }

        var tunnels = new List<TunnelInfo>(snapshot.Tunnels);
        var sessions = 1;
        foreach (var view in account.Sessions)
        {
            // Ids are per node (conn-N): the client's address and port tell this session from a namesake elsewhere.
            if (string.Equals(view.SessionId, snapshot.Session.SessionId, StringComparison.Ordinal)
                && string.Equals(view.Remote, snapshot.Session.ClientAddress, StringComparison.Ordinal))
            {
                continue;
            }

            sessions++;
            tunnels.AddRange(view.Tunnels);
        }

        return (tunnels, sessions);
    }

    private void OnData(ReadOnlySpan<byte> data)
    {
        if (!_receive.TryConsume(data.Length, out var reason, out var description))
        {
            throw new SshProtocolException(reason, description);
        }

        _receive.Released(data.Length);
        if (_receive.TryTakeAdjustment(out var grant))
        {
            Send(Encode(new ChannelWindowAdjust(Remote, grant)));
        }

        // Ctrl-C or Ctrl-D at the relay's "shell" ends the session, as the greeting says.
        if (data.Contains((byte)3) || data.Contains((byte)4))
        {
            EndOnInput();
        }
    }

    private void OnEventLine(SessionEventLine line)
    {
        // Only a shell shows events, and only between its greeting and its end; exec output stays what the command printed.
        if (_started && _pendingCommand is null && !_awaitingSnapshot && !_ending && !_closeSent)
        {
            Write(null, line.Text);
        }
    }

    private void Reply(bool wantReply, bool success)
    {
        if (wantReply)
        {
            Send(success ? Encode(new ChannelSuccess(Remote)) : Encode(new ChannelFailure(Remote)));
        }
    }

    private void Send(byte[] payload) => _connection.Tell(new ChannelOutbound(payload));
}
