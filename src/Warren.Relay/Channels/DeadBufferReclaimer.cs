using Akka.Actor;
using Akka.Event;

namespace Warren.Relay.Channels;

/// <summary>
/// Returns the buffers of data-path messages that died undelivered. When a channel stops, Akka stops
/// its socket child, and a <see cref="SocketWrite"/> still in the child's mailbox (or a
/// <see cref="SocketData"/> in the channel's, a <see cref="ChannelDataOutbound"/> sent to a connection that stopped) goes to dead letters with the only handle to its
/// buffer. The message was never processed, so no one else owns the buffer: this actor is its last
/// owner and returns it. Sockets on their way to a channel that stopped are closed the same way. One per actor system, started with the node.
/// </summary>
public sealed class DeadBufferReclaimer : ReceiveActor
{
    /// <summary>Props for the reclaimer; it subscribes itself to the system's dead letters.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new DeadBufferReclaimer());

    /// <summary>Handles dead letters of every kind (plain, suppressed, dropped).</summary>
    public DeadBufferReclaimer()
    {
        Receive<AllDeadLetters>(dead => Reclaim(dead.Message));
    }

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private static void Reclaim(object message)
    {
        // A connected socket on its way to a channel that stopped: no one else will close it.
        switch (message)
        {
            case StartSocketChannel start:
                start.Start.Socket.Dispose();
                return;
            case Listeners.ForwardPortVisitor visitor:
                visitor.Socket.Dispose();
                return;
            case Forwarding.RealHostConnection { Socket: { } socket }:
                socket.Dispose();
                return;
        }

        var buffer = message switch
        {
            SocketWrite write => write.Buffer,
            SocketData data => data.Buffer,
            ChannelInboundData inbound => inbound.Buffer,
            Sessions.PooledInboundData pooled => pooled.Buffer,
            ChannelDataOutbound outbound => outbound.Buffer,
            _ => default,
        };

        if (buffer.IsAllocated)
        {
            buffer.Return();
        }
    }
}
