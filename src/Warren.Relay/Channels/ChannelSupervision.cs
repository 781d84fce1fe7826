using Akka.Actor;
using Warren.Ssh;

namespace Warren.Relay.Channels;

/// <summary>
/// How a connection supervises its channel actors. A channel is stopped, never restarted (a
/// restarted channel would have lost its windows and its peer). A fault that is not a protocol
/// fault closes that channel alone: the stopped actor sends CLOSE or OPEN_FAILURE from its
/// <c>PostStop</c>, and the session goes on. An <see cref="SshProtocolException"/> means the
/// client broke the protocol: the connection is told (as <see cref="Status.Failure"/>) and
/// disconnects with the exception's reason.
/// </summary>
public static class ChannelSupervision
{
    /// <summary>The strategy for the children of <paramref name="connection"/>.</summary>
    public static SupervisorStrategy Strategy(IActorRef connection) => new OneForOneStrategy(error =>
    {
        if (error is SshProtocolException protocol)
        {
            connection.Tell(new Status.Failure(protocol));
        }

        return Directive.Stop;
    });
}
