using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Listeners;
using Warren.Relay.Metrics;
using Warren.Ssh;
using Warren.Ssh.Server;
using Warren.Ssh.Transport;

namespace Warren.Relay.Sessions;

/// <summary>
/// One SSH connection (<c>/user/node/sessions/conn-N</c>): owns the socket and the transport;
/// after authentication it is the session. The transport's async work runs as tasks whose
/// results come back as messages (PipeTo); the actor's state is touched only here.
/// <code>
///   Handshaking --transport up--> Authenticating --user--> Open --peer leaves / fault--> stopped
///        |                            |
///        +----- fault, grace time ----+--------------------------------------------> stopped
/// </code>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class SshConnectionActor : ReceiveActor
{
    private readonly StartConnection _start;
    private readonly SshListenerOptions _options;
    private readonly ILogger _logger;
    private readonly IActorRef _tunnels;
    private readonly IPEndPoint? _remote;
    private readonly CancellationTokenSource _grace = new();
    private readonly CancellationTokenSource _stopping = new();
    private SshTransport? _transport;
    private UserAuthService? _auth;
    private AuthenticatedUser? _user;
    private DateTimeOffset _connectedAt;
    private int _failedAttempts;
    private bool _authenticated;

    /// <summary>Props for one connection; the socket and lease in <paramref name="start"/> become the actor's.</summary>
    public static Props Props(StartConnection start, SshListenerOptions options, IActorRef tunnels, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SshConnectionActor(start, options, tunnels, logger));

    public SshConnectionActor(StartConnection start, SshListenerOptions options, IActorRef tunnels, ILogger logger)
    {
        _start = start;
        _options = options;
        _tunnels = tunnels;
        _logger = logger;
        _remote = start.Socket.RemoteEndPoint as IPEndPoint;
        Handshaking();
    }

    private IPAddress Address => _remote?.Address ?? IPAddress.None;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _start.Socket.NoDelay = true;
        ObserveAccepted();
        _grace.CancelAfter(_options.LoginGraceTime);
        var stream = new NetworkStream(_start.Socket, ownsSocket: true);
        SshTransport.AcceptAsync(stream, _options.Transport, _options.HostKeys, _grace.Token)
            .PipeTo(Self, success: transport => new TransportReady(transport));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        _grace.Cancel();
        ObserveStopped();
        // Disposing closes the stream at once; nothing here waits on the network.
        _ = _transport?.DisposeAsync().AsTask();
        _start.Socket.Dispose();
        _start.Lease.Dispose();
        ReturnQueuedBuffers();
        if (!_authenticated && _failedAttempts > 0)
        {
            // sshd's "authfail": the connection ended without a login after failed attempts.
            _start.Penalties?.Penalise(Address, PenaltyKind.AuthenticationFailure);
        }

        _grace.Dispose();
        _stopping.Dispose();
    }

    private void Handshaking()
    {
        Receive<TransportReady>(ready =>
        {
            _transport = ready.Transport;
            LogKeysExchanged(_start.Id, _remote, _transport.RemoteIdentification, _transport.Algorithms!);
            ObserveKeysExchanged(_transport.Algorithms!);
            var self = Self;
            var auth = _options.Auth with { Source = Address, OnAttempt = attempt => self.Tell(attempt) };
            _auth = new UserAuthService(_transport, auth);
            _auth.AuthenticateAsync(_grace.Token).PipeTo(Self, success: user => new Authenticated(user));
            Become(Authenticating);
        });
        DrainMessages();
        Receive<Status.Failure>(failure => Fail(failure.Cause));
    }

    private void Authenticating()
    {
        Receive<AuthAttempt>(OnAttempt);
        Receive<Authenticated>(authenticated =>
        {
            _authenticated = true;
            _user = authenticated.User;
            _connectedAt = DateTimeOffset.UtcNow;
            _start.Lease.Dispose();
            Admit();
        });
        DrainMessages();
        Receive<Status.Failure>(failure => Fail(failure.Cause));
    }

    private void Open()
    {
        Receive<AuthAttempt>(OnAttempt);
        Receive<Inbound>(inbound =>
        {
            HeardFromClient();
            OnInbound(inbound.Payload);
        });
        Receive<PooledInboundData>(data =>
        {
            HeardFromClient();
            OnPooledInboundData(data);
        });
        Receive<Channels.ChannelOutbound>(outbound => Send(outbound.Payload, outbound.AckTo, outbound.Ack));
        Receive<Channels.ChannelDataOutbound>(SendData);
        Receive<SentOne>(_ => OnSent());
        Receive<Terminated>(OnChannelStopped);
        ForwardingMessages();
        DrainMessages();
        ClientAliveMessages();
        SendTimeoutMessages();
        Receive<Status.Failure>(failure => Fail(failure.Cause));
    }

    private void OnAttempt(AuthAttempt attempt)
    {
        RelayMetrics.AuthAttempt(attempt.Method, attempt.Success, attempt.Reason);
        if (attempt.Success)
        {
            LogAuthSuccess(_start.Id, _remote, attempt.User, attempt.Method, attempt.KeyType ?? "-", attempt.Fingerprint ?? "-", attempt.Reason);
            return;
        }

        _failedAttempts++;
        LogAuthFailure(_start.Id, _remote, attempt.User, attempt.Method, attempt.KeyType ?? "-", attempt.Fingerprint ?? "-", attempt.Reason);
    }

    private void Fail(Exception cause)
    {
        var error = cause is AggregateException { InnerException: { } inner } ? inner : cause;
        ObserveFailure(error);
        (SshDisconnectReason Reason, string Description)? goodbye = null;
        switch (error)
        {
            case SshProtocolException protocol:
                LogProtocolError(_start.Id, _remote, protocol.Reason, protocol.Message);
                goodbye = (protocol.Reason, protocol.Message);
                if (!_authenticated && protocol.Reason != SshDisconnectReason.NoMoreAuthMethodsAvailable)
                {
                    _start.Penalties?.Penalise(Address, PenaltyKind.ProtocolViolation);
                }

                break;
            case SshConnectionClosedException closed:
                LogClosed(_start.Id, _remote, closed.Message);
                break;
            case OperationCanceledException when _grace.IsCancellationRequested && !_authenticated && !_stopping.IsCancellationRequested:
                LogGraceTimeExceeded(_start.Id, _remote);
                goodbye = (SshDisconnectReason.ByApplication, "login grace time exceeded");
                _start.Penalties?.Penalise(Address, PenaltyKind.GraceTimeExceeded);
                break;
            case OperationCanceledException:
            case IOException:
            case ObjectDisposedException:
                LogClosed(_start.Id, _remote, error.Message);
                break;
            default:
                LogUnexpected(_start.Id, _remote, error);
                break;
        }

        if (goodbye is { } bye)
        {
            Disconnect(bye.Reason, bye.Description);
            return;
        }

        Context.Stop(Self);
    }

    /// <summary>Says why, then stops; DisconnectAsync never throws and gives up after a few seconds.</summary>
    private void Disconnect(SshDisconnectReason reason, string description)
    {
        if (_transport is null)
        {
            Context.Stop(Self);
            return;
        }

        Become(Closing);
        _transport.DisconnectAsync(reason, description).AsTask().PipeTo(Self, success: () => new Closed());
    }

    private void Closing()
    {
        Receive<Closed>(_ => Context.Stop(Self));
        Receive<Channels.ChannelDataOutbound>(data => data.Buffer.Return());
        Receive<PooledInboundData>(data => data.Buffer.Return());
        ReceiveAny(_ => { });
    }

    private sealed record Closed;

    private sealed record TransportReady(SshTransport Transport);

    private sealed record Authenticated(AuthenticatedUser User);

}
