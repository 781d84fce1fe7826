using Akka.Actor;

namespace Warren.Relay.Sessions;

/// <summary>
/// The send timeout (<c>--send-timeout</c>): a client that stops reading leaves the relay's
/// write to it pending, and everything for that client queues behind it (channel data up to each
/// channel's window, replies to whatever it keeps sending). Client-alive probes cannot catch it
/// while it keeps talking, so a write pending for longer than the timeout drops the session and
/// returns what was queued. A check every quarter of the timeout reads a timestamp the send path
/// writes; nothing is scheduled per message.
/// </summary>
public sealed partial class SshConnectionActor
{
    private TimeSpan _sendStartedAt;

    private static TimeSpan MonotonicNow => Context.System.Scheduler.MonotonicClock;

    private void SendTimeoutMessages()
    {
        Receive<SendTimeoutCheck>(_ => OnSendTimeoutCheck());
    }

    private void StartSendTimeout()
    {
        if (_options.SendTimeout is { } timeout)
        {
            Timers.StartPeriodicTimer(nameof(SendTimeoutCheck), SendTimeoutCheck.Instance, timeout / 4);
        }
    }

    /// <summary>Called as each send starts.</summary>
    private void NoteSendStarted() => _sendStartedAt = MonotonicNow;

    private void OnSendTimeoutCheck()
    {
        if (!_sending || _options.SendTimeout is not { } timeout || MonotonicNow - _sendStartedAt < timeout)
        {
            return;
        }

        // Nothing can be said to a client that does not read: a DISCONNECT would queue behind the stuck write.
        LogSendTimeout(SessionId, _remote, timeout.TotalSeconds, _outbound.Count);
        // For the metrics the client went away: it stopped taking what it was sent.
        _closeReason ??= Metrics.SessionCloseReason.ClientClosed;
        Context.Stop(Self);
    }

    private sealed record SendTimeoutCheck
    {
        public static SendTimeoutCheck Instance { get; } = new();
    }
}
