using Akka.Actor;

namespace Warren.Server.Hosting;

/// <summary>Completes a task when the watched actor stops, so the host can exit when the node dies.</summary>
internal sealed class StopWatcher : ReceiveActor
{
    public StopWatcher(IActorRef watched, TaskCompletionSource stopped)
    {
        Context.Watch(watched);
        Receive<Terminated>(_ => stopped.TrySetResult());
    }
}
