using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Metrics;
using Warren.Relay.Sessions;

namespace Warren.Relay.Listeners;

/// <summary>
/// <c>/user/node/ssh-listener</c>: owns the listening socket. An accept loop hands each socket
/// to the actor by message; the actor applies the pre-authentication limits (sshd's
/// PerSourcePenalties, MaxStartups and PerSourceMaxStartups) and asks the sessions parent to
/// start a connection actor, or closes the socket at once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed partial class SshListenerActor : ReceiveActor
{
    private readonly Socket _socket;
    private readonly IActorRef _sessions;
    private readonly ILogger _logger;
    private readonly StartupLimiter _startups;
    private readonly SourcePenalties? _penalties;
    private readonly CancellationTokenSource _stopping = new();
    private long _connectionIds;

    /// <summary>Props for the listener; <paramref name="socket"/> is bound and listening, and becomes the actor's.</summary>
    public static Props Props(Socket socket, SshListenerOptions options, IActorRef sessions, ILogger logger) =>
        Akka.Actor.Props.Create(() => new SshListenerActor(socket, options, sessions, logger));

    public SshListenerActor(Socket socket, SshListenerOptions options, IActorRef sessions, ILogger logger)
    {
        _socket = socket;
        _sessions = sessions;
        _logger = logger;
        _startups = new StartupLimiter(options.MaxStartups, options.PerSourceMaxStartups);
        _penalties = options.Penalties is { } penalties ? new SourcePenalties(penalties, options.Auth.Time) : null;
        RelayMetrics.ObservePenalties(_penalties);
        Receive<Accepted>(OnAccepted);
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        LogListening(_socket.LocalEndPoint!);
        _ = AcceptLoopAsync(Self, _stopping.Token);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(IActorRef self, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _socket.AcceptAsync(stopping).ConfigureAwait(false);
                self.Tell(new Accepted(client));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
            }
        }
    }

    private void OnAccepted(Accepted accepted)
    {
        var client = accepted.Socket;
        var address = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (_penalties is not null && _penalties.IsPenalised(address, out var remaining))
        {
            // sshd PerSourcePenalties: a source that keeps failing waits before it may try again.
            LogPenalised(client.RemoteEndPoint, remaining);
            RelayMetrics.RefusedPenalised();
            client.Dispose();
            return;
        }

        if (!_startups.TryEnter(address, out var lease))
        {
            // Like sshd's MaxStartups: refuse rather than queue, so a flood cannot pin memory.
            LogTooManyStartups(client.RemoteEndPoint);
            RelayMetrics.RefusedTooManyStartups();
            client.Dispose();
            return;
        }

        _sessions.Tell(new StartConnection(++_connectionIds, client, lease, _penalties));
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SSH listening on {EndPoint}")]
    private partial void LogListening(EndPoint endPoint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused {Remote}: too many unauthenticated connections")]
    private partial void LogTooManyStartups(EndPoint? remote);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Refused {Remote}: penalised for repeated failures, {Remaining} left")]
    private partial void LogPenalised(EndPoint? remote, TimeSpan remaining);

    private sealed record Accepted(Socket Socket);
}
