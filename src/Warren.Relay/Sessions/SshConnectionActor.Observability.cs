using System.Diagnostics;
using Akka.Actor;
using Warren.Relay.Metrics;
using Warren.Ssh;
using Warren.Ssh.Transport;

namespace Warren.Relay.Sessions;

/// <summary>
/// What a connection reports to <see cref="RelayMetrics"/>: its life (opened, handshake time,
/// authenticated, closed with a reason), its channels by type and its tunnels by kind. The
/// gauges it raised are lowered in <see cref="ObserveStopped"/>, whatever way the actor ends.
/// </summary>
public sealed partial class SshConnectionActor
{
    private readonly Dictionary<IActorRef, string> _channelTypes = [];
    private long _acceptedAt;
    private SessionCloseReason? _closeReason;

    // Authenticated and admitted under the account's session limit: only then is it an active session.
    private bool _sessionCounted;

    private void ObserveSessionAdmitted()
    {
        _sessionCounted = true;
        RelayMetrics.SessionOpened();
    }

    private void ObserveAccepted()
    {
        _acceptedAt = Stopwatch.GetTimestamp();
        RelayMetrics.ConnectionOpened();
    }

    private void ObserveKeysExchanged(NegotiatedAlgorithms algorithms) =>
        RelayMetrics.HandshakeCompleted(Stopwatch.GetElapsedTime(_acceptedAt), algorithms);

    /// <summary>Remembers why the connection ends; the first cause wins (an admin disconnect stays one).</summary>
    private void ObserveFailure(Exception error) => _closeReason ??= error switch
    {
        SshProtocolException { Reason: SshDisconnectReason.NoMoreAuthMethodsAvailable } => SessionCloseReason.AuthFailed,
        SshProtocolException => SessionCloseReason.ProtocolError,
        OperationCanceledException when _grace.IsCancellationRequested && !_authenticated && !_stopping.IsCancellationRequested => SessionCloseReason.GraceTime,
        OperationCanceledException when _stopping.IsCancellationRequested => SessionCloseReason.Shutdown,
        SshConnectionClosedException or OperationCanceledException or IOException or ObjectDisposedException => SessionCloseReason.ClientClosed,
        _ => SessionCloseReason.Error,
    };

    private void ObserveChannelOpened(uint local, string type)
    {
        if (_channels.TryGetValue(local, out var child) && _channelTypes.TryAdd(child, type))
        {
            RelayMetrics.ChannelOpened(type);
        }
    }

    private void ObserveChannelStopped(IActorRef child)
    {
        if (_channelTypes.Remove(child, out var type))
        {
            RelayMetrics.ChannelClosed(type);
        }
    }

    /// <summary>Call before a forward of this bind address is replaced or removed.</summary>
    private void ObserveTunnelDropped(string bindAddress, uint bindPort)
    {
        if (_forwards.TryGetValue((bindAddress, bindPort), out var existing))
        {
            RelayMetrics.TunnelUnbound(existing.Kind);
        }
    }

    private void ObserveStopped()
    {
        RelayMetrics.ConnectionClosed(_sessionCounted, _closeReason ?? SessionCloseReason.Shutdown);
        foreach (var type in _channelTypes.Values)
        {
            RelayMetrics.ChannelClosed(type);
        }

        foreach (var tunnel in _forwards.Values)
        {
            RelayMetrics.TunnelUnbound(tunnel.Kind);
        }

        _channelTypes.Clear();
    }
}
