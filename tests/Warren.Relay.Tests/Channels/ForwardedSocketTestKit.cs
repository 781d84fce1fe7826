using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Tests.Channels;

/// <summary>What the socket actor tests share: timeouts, and the channel's side of the buffer contract.</summary>
public abstract class ForwardedSocketTestKit : TestKit
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    protected static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    protected static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    protected static SocketWrite Write(PacketBufferPool pool, string text)
    {
        Assert.True(pool.TryRent(out var buffer));
        var length = Encoding.ASCII.GetBytes(text, buffer.Span[PacketBuffer.DataOffset..]);
        return new SocketWrite(buffer, PacketBuffer.DataOffset, length);
    }

    /// <summary>Takes SocketData until <paramref name="until"/> bytes in all, as the channel would: copy, then return the buffer.</summary>
    protected void ReceiveData(MemoryStream received, int until, int maxChunk)
    {
        while (received.Length < until)
        {
            var data = ExpectMsg<SocketData>(Wait);
            Assert.InRange(data.Length, 1, maxChunk);
            received.Write(data.Buffer.Span.Slice(PacketBuffer.DataOffset, data.Length));
            data.Buffer.Return();
            Assert.True(received.Length <= until, $"read {received.Length} bytes with {until} of credit");
        }
    }

    protected async Task StopAndAssertReturnedAsync(IActorRef socket, PacketBufferPool pool)
    {
        Watch(socket);
        socket.Tell(SocketClose.Instance);
        // A socket that had not reported yet answers SocketClose with SocketClosed(Canceled) first.
        await FishForMessageAsync(message => message is Terminated, Wait);
        AwaitCondition(() => pool.Outstanding == 0, Wait);
        Assert.Equal(0, pool.DoubleReturns);
    }
}
