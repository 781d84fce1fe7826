using Akka;
using Akka.Actor;
using Warren.Relay.Sessions;

namespace Warren.Server.Hosting;

/// <summary>
/// The drain step of a node's CoordinatedShutdown (SIGTERM, Ctrl+C): in phase
/// <c>service-unbind</c>, before the shard regions hand off and the node leaves the cluster,
/// the SSH listener stops and every session is told with a DISCONNECT that the node goes away.
/// </summary>
internal static class NodeDrain
{
    /// <summary>How long sessions get to say goodbye; under the phase's timeout in base.hocon (15 s).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static void Register(ActorSystem system, IActorRef node, TimeSpan timeout)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "drain-ssh-sessions", async () =>
        {
            try
            {
                await node.Ask<SessionsDrained>(DrainSessions.Instance, timeout).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // Sessions that did not stop in time are cut when the actor system terminates.
            }

            return Done.Instance;
        });
    }
}
