using Akka.Actor;
using Warren.Ssh;

namespace Warren.Relay.Sessions;

/// <summary>Drain: the node is shutting down; say so to the client and stop.</summary>
public sealed partial class SshConnectionActor
{
    private void DrainMessages() => Receive<DrainSession>(_ => OnDrain());

    private void OnDrain()
    {
        if (_transport is null)
        {
            Context.Stop(Self);
            return;
        }

        // BY_APPLICATION with a reason: OpenSSH prints it, and autossh and the like reconnect.
        Become(Closing);
        _transport.DisconnectAsync(SshDisconnectReason.ByApplication, DrainSession.Reason).AsTask().PipeTo(Self, success: () => new Closed());
    }
}
