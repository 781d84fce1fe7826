using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Tests.Channels;

/// <summary>The socket actor's data path over real loopback sockets, with the test actor as its parent channel.</summary>
public sealed class ForwardedSocketActorTests : ForwardedSocketTestKit
{
    [Fact]
    public async Task Read_CreditGrantedInSteps_DataInOrderNeverBeyondCredit()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(16, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(1000, 300)));
        var sent = Pattern(5000);
        await pair.Peer.SendAsync(sent, SocketFlags.None);
        var received = new MemoryStream();

        ReceiveData(received, 1000, maxChunk: 300);
        ExpectNoMsg(Quiet);
        socket.Tell(new SocketGrant(1500));
        ReceiveData(received, 2500, maxChunk: 300);
        ExpectNoMsg(Quiet);
        socket.Tell(new SocketGrant(100_000));
        ReceiveData(received, 5000, maxChunk: 300);

        Assert.Equal(sent, received.ToArray());
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task Write_FewMegabytes_ReachPeerIntactAndWrittenTotalsMatch()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(8, dataCapacity: 32 * 1024);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(0, 32 * 1024)));
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024 + 123);
        using var cancel = new CancellationTokenSource(Wait);
        var peer = pair.ReadPeerToEndAsync(cancel.Token);

        long written = 0;
        for (var offset = 0; offset < data.Length;)
        {
            if (!pool.TryRent(out var buffer))
            {
                // Every buffer is on its way to the socket: wait for one to come back.
                written += ExpectMsg<SocketWritten>(Wait).Bytes;
                continue;
            }

            var length = Math.Min(buffer.DataCapacity, data.Length - offset);
            data.AsSpan(offset, length).CopyTo(buffer.Span[PacketBuffer.DataOffset..]);
            socket.Tell(new SocketWrite(buffer, PacketBuffer.DataOffset, length));
            offset += length;
        }

        socket.Tell(SocketShutdownSend.Instance);
        while (written < data.Length)
        {
            written += ExpectMsg<SocketWritten>(Wait).Bytes;
        }

        var delivered = await peer.WaitAsync(Wait);
        Assert.Equal(data.Length, written);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(delivered));
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task PeerShutdownSend_Eof_ThenChannelStillWritesAndClosesNormally()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(8, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));

        await pair.Peer.SendAsync(Encoding.ASCII.GetBytes("request"), SocketFlags.None);
        pair.Peer.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        ReceiveData(received, 7, maxChunk: 4096);
        ExpectMsg<SocketEof>(Wait);
        Assert.Equal("request", Encoding.ASCII.GetString(received.ToArray()));

        // The peer half-closed and now waits for the answer and our FIN.
        using var cancel = new CancellationTokenSource(Wait);
        var peer = pair.ReadPeerToEndAsync(cancel.Token);
        socket.Tell(Write(pool, "response"));
        socket.Tell(SocketShutdownSend.Instance);

        Assert.Equal(8, ExpectMsg<SocketWritten>(Wait).Bytes);
        Assert.Equal(SocketCloseReason.Normal, ExpectMsg<SocketClosed>(Wait).Reason);
        Assert.Equal("response", Encoding.ASCII.GetString(await peer.WaitAsync(Wait)));
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task ShutdownSend_PeerReadsEofAndStillAnswers()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(8, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));

        // A protocol that ends its request with a FIN: the server answers only after EOF.
        using var cancel = new CancellationTokenSource(Wait);
        var server = Task.Run(
            async () =>
            {
                var request = await pair.ReadPeerToEndAsync(cancel.Token);
                await pair.Peer.SendAsync(Encoding.ASCII.GetBytes("pong:" + Encoding.ASCII.GetString(request)), SocketFlags.None, cancel.Token);
                pair.Peer.Shutdown(SocketShutdown.Send);
            },
            cancel.Token);
        socket.Tell(Write(pool, "ping"));
        socket.Tell(SocketShutdownSend.Instance);

        Assert.Equal(4, ExpectMsg<SocketWritten>(Wait).Bytes);
        var received = new MemoryStream();
        ReceiveData(received, 9, maxChunk: 4096);
        ExpectMsg<SocketEof>(Wait);
        Assert.Equal(SocketCloseReason.Normal, ExpectMsg<SocketClosed>(Wait).Reason);
        Assert.Equal("pong:ping", Encoding.ASCII.GetString(received.ToArray()));
        await server.WaitAsync(Wait);
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task PeerReset_ClosedWithReset()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(8, dataCapacity: 4096);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));

        pair.Peer.LingerState = new LingerOption(true, 0);
        pair.Peer.Close();

        Assert.Equal(SocketCloseReason.Reset, ExpectMsg<SocketClosed>(Wait).Reason);
        await StopAndAssertReturnedAsync(socket, pool);
    }

    [Fact]
    public async Task Read_ParentNeverGrants_ReadsAtMostInitialCredit()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(64, dataCapacity: 1024);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(4096, 1024)));
        using var cancel = new CancellationTokenSource();
        // The peer would send a megabyte; the kernel buffers fill and its send waits, which is the point.
        var flood = pair.Peer.SendAsync(new byte[1024 * 1024], SocketFlags.None, cancel.Token).AsTask();

        var held = new List<SocketData>();
        var total = 0;
        while (total < 4096)
        {
            var data = ExpectMsg<SocketData>(Wait);
            held.Add(data);
            total += data.Length;
        }

        ExpectNoMsg(Quiet);
        Assert.Equal(4096, total);
        Assert.Equal(held.Count, pool.Outstanding);
        Assert.True(pool.Outstanding <= 4, $"{pool.Outstanding} buffers held for 4096 bytes of credit");

        held.ForEach(data => data.Buffer.Return());
        await cancel.CancelAsync();
        await StopAndAssertReturnedAsync(socket, pool);
        try
        {
            // The kernel may have taken the whole megabyte; if not, the send fails when the socket closes.
            await flood.WaitAsync(Wait);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task Stop_WhileWritePending_EveryBufferReturned()
    {
        using var pair = await LoopbackPair.ConnectAsync(kernelBufferBytes: 4096);
        var pool = new PacketBufferPool(64, dataCapacity: 32 * 1024);
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 32 * 1024)));

        // A small write goes through; then two megabytes the peer never reads: one write pends, the rest queue.
        socket.Tell(Write(pool, "small"));
        Assert.Equal(5, ExpectMsg<SocketWritten>(Wait).Bytes);
        for (var i = 0; i < 63; i++)
        {
            Assert.True(pool.TryRent(out var buffer));
            socket.Tell(new SocketWrite(buffer, PacketBuffer.DataOffset, buffer.DataCapacity));
        }

        // 2 MB cannot fit in the few KB of kernel buffers, so most of it is still the actor's.
        ExpectNoMsg(Quiet);
        Assert.True(pool.Outstanding > 32, $"{pool.Outstanding} outstanding");

        Watch(socket);
        Sys.Stop(socket);
        ExpectTerminated(socket, Wait);
        AwaitCondition(() => pool.Outstanding == 0, Wait);
        Assert.Equal(0, pool.DoubleReturns);
    }

    [Fact]
    public async Task Read_PoolExhausted_ReadsOnceABufferIsBack()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var pool = new PacketBufferPool(1, dataCapacity: 4096);
        Assert.True(pool.TryRent(out var taken));
        var socket = ChildActorOf(ForwardedSocketActor.Props(pair.Owned, pool, new ForwardedSocketOptions(64 * 1024, 4096)));

        await pair.Peer.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);
        ExpectNoMsg(Quiet);
        taken.Return();

        var received = new MemoryStream();
        ReceiveData(received, 5, maxChunk: 4096);
        Assert.Equal("hello", Encoding.ASCII.GetString(received.ToArray()));
        await StopAndAssertReturnedAsync(socket, pool);
    }
}
