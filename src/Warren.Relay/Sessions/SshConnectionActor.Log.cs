using System.Net;
using Microsoft.Extensions.Logging;
using Warren.Ssh;
using Warren.Ssh.Transport;

namespace Warren.Relay.Sessions;

/// <summary>What a connection tells the operator: one line per event, stable ids, key=value for pipelines.</summary>
public sealed partial class SshConnectionActor
{
    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} ({Identification}): keys exchanged, {Algorithms}")]
    private partial void LogKeysExchanged(long id, EndPoint? remote, string identification, NegotiatedAlgorithms algorithms);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} disconnected: {Reason} {Description}")]
    private partial void LogProtocolError(long id, EndPoint? remote, SshDisconnectReason reason, string description);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} closed: {Description}")]
    private partial void LogClosed(long id, EndPoint? remote, string description);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Connection {Id} from {Remote} dropped: login grace time exceeded")]
    private partial void LogGraceTimeExceeded(long id, EndPoint? remote);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Connection {Id} from {Remote} failed unexpectedly")]
    private partial void LogUnexpected(long id, EndPoint? remote, Exception error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "auth success conn={Id} source={Remote} user={User} method={Method} key_type={KeyType} fingerprint={Fingerprint} granted_by={Grant}")]
    private partial void LogAuthSuccess(long id, EndPoint? remote, string user, string method, string keyType, string fingerprint, string grant);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "auth failure conn={Id} source={Remote} user={User} method={Method} key_type={KeyType} fingerprint={Fingerprint} reason={Reason}")]
    private partial void LogAuthFailure(long id, EndPoint? remote, string user, string method, string keyType, string fingerprint, string reason);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "tcpip-forward bound conn={SessionId} account={Account} tunnel={Tunnel} kind={Kind} outcome={Outcome} bind={BindAddress}:{BindPort}")]
    private partial void LogForwardBound(string sessionId, string account, string tunnel, Tunnels.TunnelKind kind, Tunnels.TunnelBindOutcome outcome, string bindAddress, uint bindPort);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "tcpip-forward refused conn={SessionId} account={Account} bind={BindAddress}:{BindPort} reason={Reason}")]
    private partial void LogForwardRefused(string sessionId, string account, string bindAddress, uint bindPort, string reason);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "tcpip-forward cancelled conn={SessionId} tunnel={Tunnel}")]
    private partial void LogForwardCancelled(string sessionId, string tunnel);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "tcpip-forward taken over conn={SessionId} tunnel={Tunnel}")]
    private partial void LogForwardTakenOver(string sessionId, string tunnel);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "tcpip-forward port opened conn={SessionId} account={Account} bind={BindAddress}:{RequestedPort} relay_port={Port}")]
    private partial void LogForwardPortOpened(string sessionId, string account, string bindAddress, uint requestedPort, int port);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "tcpip-forward port closed conn={SessionId} relay_port={Port}")]
    private partial void LogForwardPortClosed(string sessionId, uint port);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Information, Message = "limit reached conn={SessionId} account={Account} limit={Limit} reason={Reason}")]
    private partial void LogLimitReached(string sessionId, string account, LimitKind limit, string reason);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Information, Message = "client alive timeout conn={SessionId} source={Remote} probes={Probes}: disconnecting")]
    private partial void LogClientAliveTimeout(string sessionId, EndPoint? remote, int probes);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Information, Message = "relay port visitor refused by allow= conn={SessionId} visitor={Visitor} relay_port={Port}")]
    private partial void LogVisitorNotAllowed(string sessionId, EndPoint? visitor, uint port);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Information, Message = "tunnel options settled conn={SessionId} forwards={Forwards} options={Options}")]
    private partial void LogOptionsSettled(string sessionId, int forwards, string options);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "send timeout conn={SessionId} source={Remote}: a write to the client was pending for {Seconds} s with {Queued} more queued; dropping the session")]
    private partial void LogSendTimeout(string sessionId, EndPoint? remote, double seconds, int queued);
}
