using System.Net.Sockets;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Tests.InProcess;

/// <summary>
/// The buffer pool under the real OpenSSH client and a real relay node in this process: every
/// buffer comes back when the channels close, and a side that stops reading holds at most one
/// window of buffers.
/// </summary>
public sealed class SocketChannelPoolTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>One receive window (with OpenSSH's tenth of excess) in maximum packets, the writes in flight, and a little slack.</summary>
    private static readonly int OneWindowOfBuffers =
        (int)((ClientChannel.LocalWindow + (ClientChannel.LocalWindow / 10)) / ClientChannel.LocalMaximumPacket) + SocketChannelActor.MaxWritesInFlight + 4;

    private readonly PacketBufferPool _pool = new(1024, throwOnDoubleReturn: true);

    [Fact]
    public async Task SocketChannel_EchoUntilHalfClose_ReturnsEveryBufferAfterTheChannelCloses()
    {
        using var service = new OneShotService();
        var relay = InProcessRelay.Start(Sys, _pool, service.Target);
        using var ssh = await OpenSshStdio.StartAsync(relay.Port, service.Target);
        using var socket = await service.AcceptAsync(Wait);
        var echo = EchoAsync(socket);
        var sent = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(sent);

        var writing = Task.Run(async () =>
        {
            await ssh.Input.WriteAsync(sent);
            ssh.Input.Close();
        });
        using var received = new MemoryStream();
        await ssh.Output.CopyToAsync(received).WaitAsync(Wait);
        await writing.WaitAsync(Wait);
        await echo.WaitAsync(Wait);

        Assert.Equal(sent, received.ToArray());
        await AwaitConditionAsync(() => Task.FromResult(ssh.HasExited), Wait);
        await AwaitConditionAsync(() => Task.FromResult(_pool.Outstanding == 0), Wait);
        Assert.Equal(0, _pool.DoubleReturns);
    }

    [Fact]
    public Task SocketChannel_VisitorStopsReading_HoldsAtMostOneWindowOfBuffers_AndReturnsThemAfterClose() =>
        AssertOneWindowOfBuffersWhenStalledAsync(async (socket, _, progress) =>
        {
            // The service writes as fast as it can; nobody reads ssh's stdout.
            var chunk = new byte[64 * 1024];
            while (true)
            {
                progress(await socket.SendAsync(chunk, SocketFlags.None));
            }
        });

    [Fact]
    public Task SocketChannel_ServiceStopsReading_HoldsAtMostOneWindowOfBuffers_AndReturnsThemAfterClose() =>
        AssertOneWindowOfBuffersWhenStalledAsync(async (_, ssh, progress) =>
        {
            // The client writes as fast as it can; the service never reads.
            var chunk = new byte[64 * 1024];
            while (true)
            {
                await ssh.Input.WriteAsync(chunk);
                progress(chunk.Length);
            }
        });

    /// <summary>
    /// Runs <paramref name="pump"/> (bytes one way, never read on the far side) until flow control
    /// stops it, checks the pool never held more than one window of buffers, then ends the session
    /// and checks every buffer came back.
    /// </summary>
    private async Task AssertOneWindowOfBuffersWhenStalledAsync(Func<Socket, OpenSshStdio, Action<long>, Task> pump)
    {
        using var service = new OneShotService();
        var relay = InProcessRelay.Start(Sys, _pool, service.Target);
        var ssh = await OpenSshStdio.StartAsync(relay.Port, service.Target);
        using var socket = await service.AcceptAsync(Wait);
        long moved = 0;
        var pumping = Task.Run(() => pump(socket, ssh, bytes => Interlocked.Add(ref moved, bytes)));

        var most = await MostOutstandingUntilStalledAsync(() => Interlocked.Read(ref moved));
        Assert.InRange(most, 0, OneWindowOfBuffers);

        ssh.Dispose();
        socket.Dispose();
        await AwaitConditionAsync(() => Task.FromResult(_pool.Outstanding == 0), Wait);
        Assert.Equal(0, _pool.DoubleReturns);
        await Assert.ThrowsAnyAsync<Exception>(() => pumping.WaitAsync(Wait));
    }

    private static async Task EchoAsync(Socket socket)
    {
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(chunk, SocketFlags.None)) > 0)
        {
            var sent = 0;
            while (sent < read)
            {
                sent += await socket.SendAsync(chunk.AsMemory(sent, read - sent), SocketFlags.None);
            }
        }

        socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>
    /// Samples the pool until the writer has made no progress for a while (flow control stopped
    /// it) after moving at least a few windows' worth; returns the most buffers seen out at once.
    /// </summary>
    private async Task<int> MostOutstandingUntilStalledAsync(Func<long> progress)
    {
        var most = 0;
        var last = -1L;
        var still = 0;
        using var deadline = new CancellationTokenSource(Wait);
        while (still < 20 || last < 2 * ClientChannel.LocalWindow)
        {
            await Task.Delay(25, deadline.Token);
            most = Math.Max(most, _pool.Outstanding);
            var now = progress();
            still = now == last ? still + 1 : 0;
            last = now;
        }

        return most;
    }
}
