using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Tests.Channels;

/// <summary>How the socket actor ends: idle timeout, the channel's SocketClose, and writes that come too late.</summary>
public sealed class ForwardedSocketActorCloseTests : ForwardedSocketTestKit
{
    [Fact]
    public async Task IdleTimeout_NoTraffic_ClosedWithIdleTimeout()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(4, dataCapacity: 4096);
        var options = new ForwardedSocketOptions(64 * 1024, 4096, IdleTimeout: TimeSpan.FromMilliseconds(200));
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, options));

        Assert.Equal(SocketCloseReason.IdleTimeout, ExpectMsg<SocketClosed>(Wait).Reason);
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task Close_WritesQueued_FlushedBeforeClose()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(4, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));
        using var cancel = new CancellationTokenSource(Wait);
        var peer = pair.ReadPeerToEndAsync(cancel.Token);

        Watch(socket);
        socket.Tell(Write(pool, "last words"));
        socket.Tell(SocketClose.Instance);

        Assert.Equal(SocketCloseReason.Canceled, FishForMessage<SocketClosed>(_ => true, Wait).Reason);
        ExpectTerminated(socket, Wait);
        Assert.Equal("last words", Encoding.ASCII.GetString(await peer.WaitAsync(Wait)));
        AwaitCondition(() => pool.Outstanding == 0, Wait);
    }

    [Fact]
    public async Task Write_AfterShutdownSend_DroppedAndReportedAsWritten()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(4, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));
        using var cancel = new CancellationTokenSource(Wait);
        var peer = pair.ReadPeerToEndAsync(cancel.Token);

        socket.Tell(Write(pool, "before"));
        socket.Tell(SocketShutdownSend.Instance);
        socket.Tell(Write(pool, "after"));

        // The dropped write is reported at once, likely before the first write completes.
        int[] reported = [ExpectMsg<SocketWritten>(Wait).Bytes, ExpectMsg<SocketWritten>(Wait).Bytes];
        Assert.Equal([5, 6], reported.Order());
        Assert.Equal("before", Encoding.ASCII.GetString(await peer.WaitAsync(Wait)));
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task Write_AfterReset_BufferReturnedBeforeSocketClose()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(4, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));
        pair.Peer.LingerState = new LingerOption(true, 0);
        pair.Peer.Close();
        Assert.Equal(SocketCloseReason.Reset, ExpectMsg<SocketClosed>(Wait).Reason);

        // The channel had not seen SocketClosed yet when it sent this.
        socket.Tell(Write(pool, "too late"));

        AwaitCondition(() => pool.Outstanding == 0, Wait);
        ExpectNoMsg(Quiet);
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task Write_ToStoppedSocket_BufferReclaimedFromDeadLetters()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(4, dataCapacity: 4096);
        var reclaimer = Sys.ActorOf(DeadBufferReclaimer.Props());
        // An answer means PreStart has run, so the reclaimer is subscribed.
        reclaimer.Tell(new Identify(null));
        ExpectMsg<ActorIdentity>(Wait);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));
        Watch(socket);
        Sys.Stop(socket);
        ExpectTerminated(socket, Wait);

        socket.Tell(Write(pool, "to no one"));

        AwaitCondition(() => pool.Outstanding == 0, Wait);
        Assert.Equal(0, pool.DoubleReturns);
    }
}
