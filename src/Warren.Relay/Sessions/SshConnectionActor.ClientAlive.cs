using Akka.Actor;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Sessions;

/// <summary>
/// sshd's ClientAliveInterval and ClientAliveCountMax (<see cref="ClientAliveOptions"/>): a tick
/// every interval; a tick after an interval in which nothing came from the client sends a
/// <c>keepalive@openssh.com</c> global request with want-reply; after CountMax such probes in a
/// row, the next silent tick disconnects. Any message from the client (the probe's reply too)
/// resets the count, and noting it costs one field write per message.
/// </summary>
public sealed partial class SshConnectionActor : IWithTimers
{
    private bool _heardSinceTick;
    private int _unansweredProbes;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private void ClientAliveMessages()
    {
        Receive<ClientAliveTick>(_ => OnClientAliveTick());
    }

    private void StartClientAlive()
    {
        if (_options.ClientAlive.Enabled)
        {
            Timers.StartPeriodicTimer(nameof(ClientAliveTick), ClientAliveTick.Instance, _options.ClientAlive.Interval);
        }
    }

    /// <summary>Called for every message from the client once the session is open.</summary>
    private void HeardFromClient()
    {
        _heardSinceTick = true;
    }

    private void OnClientAliveTick()
    {
        if (_heardSinceTick)
        {
            _heardSinceTick = false;
            _unansweredProbes = 0;
            return;
        }

        var alive = _options.ClientAlive;
        if (_unansweredProbes >= alive.CountMax)
        {
            var reason = $"client not responding: {_unansweredProbes} keepalive probes unanswered "
                + $"(ClientAliveInterval {alive.Interval.TotalSeconds:0.###} s, ClientAliveCountMax {alive.CountMax})";
            LogClientAliveTimeout(SessionId, _remote, _unansweredProbes);
            Timers.Cancel(nameof(ClientAliveTick));
            Disconnect(SshDisconnectReason.ConnectionLost, reason);
            return;
        }

        _unansweredProbes++;
        var probe = new GlobalRequest(GlobalRequestNames.KeepAlive, WantReply: true);
        var payload = new byte[probe.GetSize(0)];
        probe.WriteTo(payload, []);
        Send(payload);
    }

    private sealed record ClientAliveTick
    {
        public static ClientAliveTick Instance { get; } = new();
    }
}
