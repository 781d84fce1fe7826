using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Warren.Relay.Channels;
using Warren.Ssh;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>A channel bridged to a real loopback socket: open, data both ways, half-close, close, and the pool.</summary>
public sealed class SocketChannelActorTests : ForwardedSocketTestKit
{
    private const uint Local = 4;
    private const uint Remote = 9;

    private readonly TestProbe _connection;
    private readonly PacketBufferPool _pool = new(64, throwOnDoubleReturn: true);

    public SocketChannelActorTests()
    {
        _connection = CreateTestProbe();
    }

    [Fact]
    public async Task Confirmed_ClientData_ReachesTheSocket_AndTheWindowWidensAfterTheWrite()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var channel = Confirmed(pair);
        var sent = Pattern(1100 * 1024);

        for (var offset = 0; offset < sent.Length; offset += 32 * 1024)
        {
            channel.Tell(new ChannelInbound(ChannelPayloads.Data(Local, sent.AsSpan(offset, Math.Min(32 * 1024, sent.Length - offset)))));
        }

        var received = new byte[sent.Length];
        for (var read = 0; read < sent.Length;)
        {
            var got = await pair.Peer.ReceiveAsync(received.AsMemory(read), SocketFlags.None).AsTask().WaitAsync(Wait);
            Assert.True(got > 0, $"EOF after {read} bytes");
            read += got;
        }

        Assert.Equal(sent, received);

        var adjust = Expect<ChannelOutbound>(o => o.Payload[0] == SshMessageNumber.ChannelWindowAdjust).Payload;
        Assert.True(ChannelWindowAdjust.TryRead(adjust, out var message));
        Assert.Equal(Remote, message.RecipientChannel);
        await CloseAsync(channel);
    }

    [Fact]
    public async Task Confirmed_PooledClientData_IsWrittenFromItsOwnBuffer_AndTheBufferComesBack()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var channel = Confirmed(pair);
        Assert.True(_pool.TryRent(out var buffer));
        Encoding.ASCII.GetBytes("pooled").CopyTo(buffer.Span[PacketBuffer.DataOffset..]);

        channel.Tell(new ChannelInboundData(buffer, 6));

        var received = new byte[6];
        for (var read = 0; read < received.Length;)
        {
            var got = await pair.Peer.ReceiveAsync(received.AsMemory(read), SocketFlags.None).AsTask().WaitAsync(Wait);
            Assert.True(got > 0, $"EOF after {read} bytes");
            read += got;
        }

        Assert.Equal("pooled", Encoding.ASCII.GetString(received));
        await CloseAsync(channel);
        AwaitCondition(() => _pool.Outstanding == 0, Wait);
    }

    [Fact]
    public async Task Confirmed_SocketBytes_GoToTheConnectionAsPooledChannelData()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var channel = Confirmed(pair);

        await pair.Peer.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);

        var data = _connection.ExpectMsg<ChannelDataOutbound>(Wait);
        Assert.Equal(Remote, data.RecipientChannel);
        Assert.Equal("hello", Encoding.ASCII.GetString(data.Buffer.Span.Slice(PacketBuffer.DataOffset, data.Length)));
        data.Buffer.Return();
        await CloseAsync(channel);
    }

    [Fact]
    public async Task Confirmed_HalfCloseBothWays_MapsToEofAndFin()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var channel = Confirmed(pair);

        pair.Peer.Shutdown(SocketShutdown.Send);
        Expect<ChannelOutbound>(o => o.Payload[0] == SshMessageNumber.ChannelEof);
        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelEof(Local))));

        Assert.Empty(await pair.ReadPeerToEndAsync(new CancellationTokenSource(Wait).Token));
        Expect<ChannelOutbound>(o => o.Payload[0] == SshMessageNumber.ChannelClose);
        await CloseAsync(channel);
    }

    [Fact]
    public async Task Confirmed_PeerResets_ClosesTheChannel()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var channel = Confirmed(pair);

        pair.Peer.LingerState = new LingerOption(true, 0);
        pair.Peer.Close();

        Expect<ChannelOutbound>(o => o.Payload[0] == SshMessageNumber.ChannelClose);
        await CloseAsync(channel);
    }

    [Fact]
    public async Task Forwarded_OpensEchoingTheBindAddress_AndOnOpenFailureClosesTheSocket()
    {
        using var pair = await LoopbackPair.ConnectAsync();
        var open = new ForwardedTcpip("localhost", 24000, "192.0.2.7", 40000);
        var channel = _connection.ChildActorOf(SocketChannelActor.Props(SocketChannelStart.OpenForwarded(Local, pair.Owned, _pool, open)));
        Watch(channel);

        var payload = _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;
        Assert.True(ChannelOpen.TryRead(payload, out var header, out var data));
        Assert.True(ForwardedTcpip.TryReadData(data, out var target));
        Assert.Equal(ChannelTypes.ForwardedTcpip, header.ChannelType);
        Assert.Equal(open, target);

        var failure = new ChannelOpenFailure(Local, ChannelOpenFailureReason.ConnectFailed, "refused");
        var bytes = new byte[failure.GetSize()];
        failure.WriteTo(bytes);
        channel.Tell(new ChannelInbound(bytes));

        ExpectTerminated(channel, Wait);
        Assert.Empty(await pair.ReadPeerToEndAsync(new CancellationTokenSource(Wait).Token));
    }

    private IActorRef Confirmed(LoopbackPair pair)
    {
        var remote = new SocketChannelRemote(Remote, 1 << 20, 32 * 1024);
        var channel = _connection.ChildActorOf(SocketChannelActor.Props(SocketChannelStart.Confirm(Local, pair.Owned, _pool, remote)));
        var confirmation = _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;
        Assert.True(ChannelOpenConfirmation.TryRead(confirmation, out var message));
        Assert.Equal(Remote, message.RecipientChannel);
        Assert.Equal(Local, message.SenderChannel);
        return channel;
    }

    /// <summary>The client closes: the channel answers CLOSE (if it has not), stops, and every buffer is home.</summary>
    private async Task CloseAsync(IActorRef channel)
    {
        Watch(channel);
        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelClose(Local))));
        await ExpectTerminatedAsync(channel, Wait);
        while (_connection.HasMessages)
        {
            if (_connection.ReceiveOne(TimeSpan.Zero) is ChannelDataOutbound data)
            {
                data.Buffer.Return();
            }
        }

        await AwaitConditionAsync(() => Task.FromResult(_pool.Outstanding == 0), Wait);
        Assert.Equal(0, _pool.DoubleReturns);
    }

    /// <summary>The next outbound that matches, returning the buffers of pooled data on the way.</summary>
    private T Expect<T>(Func<T, bool> match)
    {
        var found = _connection.FishForMessage(message =>
        {
            if (message is ChannelDataOutbound data)
            {
                data.Buffer.Return();
            }

            return message is T typed && match(typed);
        }, Wait);
        return (T)found;
    }
}
