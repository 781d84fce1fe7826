using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Edge;

namespace Warren.Relay.Sessions;

/// <summary>
/// When a session's tunnel options are settled, and what its forwards do until then.
/// </summary>
/// <remarks>
/// OpenSSH sends its <c>tcpip-forward</c> requests first, then opens the session channel and
/// sends the command that carries the options (<c>ssh -R web:80:... relay auth=a:b</c>). A visitor
/// must never be served with weaker options than the owner asked for, so a forward is not bound
/// (no tunnel routes to it, no relay port listens) until the options are settled; its reply waits
/// in its place. They settle on the first of:
/// <list type="bullet">
/// <item>the session channel's exec of tunnel options: those options;</item>
/// <item>a shell, or an exec of any other command: the defaults (the owner gave none);</item>
/// <item>options refused: every forward is refused with the reason;</item>
/// <item>no session channel open <see cref="Listeners.SshListenerOptions.TunnelOptionsWait"/> after
/// the last tcpip-forward (<c>ssh -N</c> never opens one): the defaults.</item>
/// </list>
/// While a session channel is open, its request decides, however long it takes. Because the
/// forwards bind only then, <c>bind=pool|replace</c> is the policy of their first bind: nothing has
/// to be re-bound. Options given later (a second session channel over a multiplexed connection)
/// re-bind every tunnel of the session with them; <c>bind=</c> then no longer changes anything.
/// </remarks>
public sealed partial class SshConnectionActor
{
    private readonly List<DeferredForward> _deferred = [];
    private readonly HashSet<IActorRef> _sessionChannels = [];
    private EdgeTunnelOptions? _tunnelOptions;

    private void OptionsSettleMessages()
    {
        Receive<OptionsWaitTick>(_ =>
        {
            if (_tunnelOptions is null && _sessionChannels.Count == 0)
            {
                SettleOptions(EdgeTunnelOptions.Default);
            }
        });
    }

    private void DeferForward(PendingReply reply, string address, uint port)
    {
        _deferred.Add(new DeferredForward(reply, address, port));
        StartOptionsWait();
    }

    private void StartOptionsWait() =>
        Timers.StartSingleTimer(nameof(OptionsWaitTick), OptionsWaitTick.Instance, _options.TunnelOptionsWait);

    /// <summary>A session channel opened: its shell or exec settles the options.</summary>
    private void SessionChannelOpened(IActorRef channel) => _sessionChannels.Add(channel);

    /// <summary>A session channel ended; if the options are still open, the wait starts again.</summary>
    private void SessionChannelStopped(IActorRef channel)
    {
        if (_sessionChannels.Remove(channel) && _tunnelOptions is null && _deferred.Count > 0)
        {
            StartOptionsWait();
        }
    }

    /// <summary>The options are known: the forwards that waited bind now, in the order they came.</summary>
    private void SettleOptions(EdgeTunnelOptions options)
    {
        _tunnelOptions = options;
        Timers.Cancel(nameof(OptionsWaitTick));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var described = options.Describe();
            LogOptionsSettled(SessionId, _deferred.Count, described);
        }

        var waiting = _deferred.ToArray();
        _deferred.Clear();
        foreach (var forward in waiting)
        {
            StartForward(forward.Reply, forward.Address, forward.Port);
        }

        DrainReplies();
    }

    /// <summary>Options refused: the forwards that waited are refused too, with the reason.</summary>
    private void RefuseDeferredForwards(string problem)
    {
        _tunnelOptions ??= EdgeTunnelOptions.Default;
        Timers.Cancel(nameof(OptionsWaitTick));
        var waiting = _deferred.ToArray();
        _deferred.Clear();
        foreach (var forward in waiting)
        {
            RefuseForward(forward.Reply, forward.Address, forward.Port, "the session's tunnel options were refused: " + problem);
        }
    }

    /// <summary>A forward that waits for the session's options; its reply is already queued.</summary>
    private sealed record DeferredForward(PendingReply Reply, string Address, uint Port);

    /// <summary>The wait for a session with no session channel is over.</summary>
    private sealed record OptionsWaitTick
    {
        public static readonly OptionsWaitTick Instance = new();
    }
}
