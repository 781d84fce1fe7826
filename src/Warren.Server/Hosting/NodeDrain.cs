using Akka;
using Akka.Actor;
using Warren.Relay.Metrics;
using Warren.Relay.Node;
using Warren.Relay.Sessions;

namespace Warren.Server.Hosting;

/// <summary>
/// The drain step of a node's CoordinatedShutdown (SIGTERM, Ctrl+C), in phase
/// <c>service-unbind</c>, before the shard regions hand off and the node leaves the cluster:
/// the SSH listener stops; visitor streams get up to the drain timeout (<c>--drain-timeout</c>)
/// to end by themselves; then every session is told with a DISCONNECT that the node goes away.
/// </summary>
internal static class NodeDrain
{
    /// <summary>How long sessions get to say goodbye once told.</summary>
    public static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often the count of open visitor streams is looked at while draining.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The phase's timeout for a drain of <paramref name="drainTimeout"/>: the wait, the goodbye, and a margin.</summary>
    public static TimeSpan PhaseTimeout(TimeSpan drainTimeout) => drainTimeout + GoodbyeTimeout + TimeSpan.FromSeconds(5);

    public static void Register(ActorSystem system, IActorRef node, TimeSpan drainTimeout)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "drain-ssh-sessions", async () =>
        {
            node.Tell(StopAccepting.Instance);
            await WaitForVisitorStreamsAsync(drainTimeout, TimeProvider.System).ConfigureAwait(false);
            try
            {
                await node.Ask<SessionsDrained>(DrainSessions.Instance, GoodbyeTimeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // Sessions that did not stop in time are cut when the actor system terminates.
            }

            return Done.Instance;
        });
    }

    private static async Task WaitForVisitorStreamsAsync(TimeSpan drainTimeout, TimeProvider time)
    {
        var deadline = time.GetTimestamp() + (long)(drainTimeout.TotalSeconds * time.TimestampFrequency);
        while (RelayMetrics.OpenVisitorStreams() > 0 && time.GetTimestamp() < deadline)
        {
            await Task.Delay(PollInterval, time).ConfigureAwait(false);
        }
    }
}
