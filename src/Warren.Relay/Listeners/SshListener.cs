using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Warren.Ssh;
using Warren.Ssh.Crypto;
using Warren.Ssh.Server;
using Warren.Ssh.Transport;

namespace Warren.Relay.Listeners;

/// <summary>
/// Accepts SSH connections and runs each one until it ends. Enforces the pre-authentication
/// limits: at most <see cref="SshListenerOptions.MaxStartups"/> connections still authenticating,
/// and the login grace time for each.
/// </summary>
/// <remarks>
/// This is the transport layer's listener. The actor tree of ARCHITECTURE.md (ssh-listener,
/// sessions, channels) takes it over with the connection protocol; until then a task per
/// connection is all a connection needs, since no session survives authentication.
/// </remarks>
public sealed partial class SshListener : IAsyncDisposable
{
    private readonly SshListenerOptions _options;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly StartupLimiter _startups;
    private readonly SourcePenalties? _penalties;
    private readonly CancellationTokenSource _stopping = new();
    private long _connectionIds;

    /// <summary>Binds the listening socket at once, so a port in use fails here.</summary>
    public SshListener(SshListenerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _startups = new StartupLimiter(options.MaxStartups, options.PerSourceMaxStartups);
        _penalties = options.Penalties is { } penalties ? new SourcePenalties(penalties, options.Auth.Time) : null;
        _socket = new Socket(options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (options.EndPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = true;
        }

        _socket.Bind(options.EndPoint);
        _socket.Listen(512);
    }

    /// <summary>Where the listener is bound (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Accepts until <paramref name="cancellationToken"/> fires or the listener is disposed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        LogListening(LocalEndPoint);
        while (!linked.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }

            var address = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (_penalties is not null && _penalties.IsPenalised(address, out var remaining))
            {
                // sshd PerSourcePenalties: a source that keeps failing waits before it may try again.
                LogPenalised(client.RemoteEndPoint, remaining);
                client.Dispose();
                continue;
            }

            if (!_startups.TryEnter(address, out var lease))
            {
                // Like sshd's MaxStartups: refuse rather than queue, so a flood cannot pin memory.
                LogTooManyStartups(client.RemoteEndPoint);
                client.Dispose();
                continue;
            }

            _ = ServeAsync(client, lease, Interlocked.Increment(ref _connectionIds), linked.Token);
        }
    }

    private async Task ServeAsync(Socket client, IDisposable startupLease, long id, CancellationToken stopping)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address ?? IPAddress.None;
        client.NoDelay = true;
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        grace.CancelAfter(_options.LoginGraceTime);
        var authenticated = false;
        var failedAttempts = 0;
        try
        {
            var stream = new NetworkStream(client, ownsSocket: true);
            var transport = await SshTransport.AcceptAsync(stream, _options.Transport, _options.HostKeys, grace.Token).ConfigureAwait(false);
            LogKeysExchanged(id, remote, transport.RemoteIdentification, transport.Algorithms!);
            await using (transport.ConfigureAwait(false))
            {
                var auth = _options.Auth with
                {
                    Source = address,
                    OnAttempt = attempt =>
                    {
                        failedAttempts += attempt.Success ? 0 : 1;
                        LogAttempt(id, remote, attempt);
                    },
                };
                var session = new SshServerSession(transport, auth);
                try
                {
                    await session.AuthenticateAsync(grace.Token).ConfigureAwait(false);
                    authenticated = true;
                    startupLease.Dispose();
                    await session.RunAsync(stopping).ConfigureAwait(false);
                }
                catch (SshProtocolException e)
                {
                    await transport.DisconnectAsync(e.Reason, e.Message).ConfigureAwait(false);
                    throw;
                }
                catch (OperationCanceledException) when (grace.IsCancellationRequested && !stopping.IsCancellationRequested && !authenticated)
                {
                    await transport.DisconnectAsync(SshDisconnectReason.ByApplication, "login grace time exceeded").ConfigureAwait(false);
                    throw;
                }
            }
        }
        catch (SshProtocolException e)
        {
            LogProtocolError(id, remote, e.Reason, e.Message);
            if (!authenticated && e.Reason != SshDisconnectReason.NoMoreAuthMethodsAvailable)
            {
                // Too many failures is an authentication failure, counted once below.
                Penalise(address, PenaltyKind.ProtocolViolation);
            }
        }
        catch (SshConnectionClosedException e)
        {
            LogClosed(id, remote, e.Message);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            LogGraceTimeExceeded(id, remote);
            Penalise(address, PenaltyKind.GraceTimeExceeded);
        }
        catch (OperationCanceledException)
        {
            LogClosed(id, remote, "server stopping");
        }
        catch (IOException e)
        {
            LogClosed(id, remote, e.Message);
        }
#pragma warning disable CA1031 // One connection's bug must not take the listener down; it is logged and the connection closed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(id, remote, e);
        }
        finally
        {
            client.Dispose();
            startupLease.Dispose();
            if (!authenticated && failedAttempts > 0)
            {
                // sshd's "authfail": the connection ended without a login after failed attempts.
                Penalise(address, PenaltyKind.AuthenticationFailure);
            }
        }
    }

    private void Penalise(IPAddress address, PenaltyKind kind) => _penalties?.Penalise(address, kind);

    private void LogAttempt(long id, EndPoint? remote, AuthAttempt attempt)
    {
        if (attempt.Success)
        {
            LogAuthSuccess(id, remote, attempt.User, attempt.Method, attempt.KeyType ?? "-", attempt.Fingerprint ?? "-", attempt.Reason);
        }
        else
        {
            LogAuthFailure(id, remote, attempt.User, attempt.Method, attempt.KeyType ?? "-", attempt.Fingerprint ?? "-", attempt.Reason);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SSH listening on {EndPoint}")]
    private partial void LogListening(EndPoint endPoint);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Connection {Id} from {Remote} failed unexpectedly")]
    private partial void LogUnexpected(long id, EndPoint? remote, Exception error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Refused {Remote}: penalised for repeated failures, {Remaining} left")]
    private partial void LogPenalised(EndPoint? remote, TimeSpan remaining);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused {Remote}: too many unauthenticated connections")]
    private partial void LogTooManyStartups(EndPoint? remote);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} ({Identification}): keys exchanged, {Algorithms}")]
    private partial void LogKeysExchanged(long id, EndPoint? remote, string identification, NegotiatedAlgorithms algorithms);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} disconnected: {Reason} {Description}")]
    private partial void LogProtocolError(long id, EndPoint? remote, SshDisconnectReason reason, string description);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} closed: {Description}")]
    private partial void LogClosed(long id, EndPoint? remote, string description);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "auth success conn={Id} source={Remote} user={User} method={Method} key_type={KeyType} fingerprint={Fingerprint} granted_by={Grant}")]
    private partial void LogAuthSuccess(long id, EndPoint? remote, string user, string method, string keyType, string fingerprint, string grant);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "auth failure conn={Id} source={Remote} user={User} method={Method} key_type={KeyType} fingerprint={Fingerprint} reason={Reason}")]
    private partial void LogAuthFailure(long id, EndPoint? remote, string user, string method, string keyType, string fingerprint, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} dropped: login grace time exceeded")]
    private partial void LogGraceTimeExceeded(long id, EndPoint? remote);
}
