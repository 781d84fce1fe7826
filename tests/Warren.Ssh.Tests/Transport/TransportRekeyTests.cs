using System.Buffers.Binary;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class TransportRekeyTests
{
    private const int MessageCount = 3000;
    private const int MessageSize = 1000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rekey_ByBytesWhileTrafficFlowsBothWays_NothingLost(bool clientStartsIt)
    {
        // A rekey every 64 KiB is far more often than the peer-rekey budget allows for free; this
        // test is about what crosses a rekey, so both sides take every exchange as free.
        var small = new SshTransportSettings { RekeyBytes = 64 * 1024, PeerRekeyFreeBytes = 0 };
        var large = new SshTransportSettings { PeerRekeyFreeBytes = 0 };
        await using var pair = await TransportPair.ConnectAsync(clientStartsIt ? small : large, clientStartsIt ? large : small);

        // About 90 key exchanges (each a key pair and a signature) plus 6 MB: a second here, but
        // CI runs the flood tests of another assembly beside it, so the hang guard is generous.
        var guard = TimeSpan.FromMinutes(3);
        using var cancel = new CancellationTokenSource(guard);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);

        // Each side sends a numbered stream while reading the other's, as a session does: a key
        // exchange needs both readers running, so they read until the test has seen everything.
        var atServer = new Received();
        var atClient = new Received();
        var clientToServer = Task.Run(() => SendNumberedAsync(pair.Client, cancel.Token));
        var serverToClient = Task.Run(() => SendNumberedAsync(pair.Server, cancel.Token));
        var serverReads = Task.Run(() => ReceiveNumberedAsync(pair.Server, atServer, stopReading.Token));
        var clientReads = Task.Run(() => ReceiveNumberedAsync(pair.Client, atClient, stopReading.Token));

        // A reader that fails (a protocol error) leaves the senders waiting: say why at once.
        var sent = Task.WhenAll(clientToServer, serverToClient);
        await Task.WhenAny(sent, serverReads, clientReads).WaitAsync(guard);
        Assert.False(serverReads.IsFaulted || clientReads.IsFaulted, (serverReads.Exception ?? clientReads.Exception)?.ToString());
        await sent.WaitAsync(guard);
        while (atServer.Count < MessageCount || atClient.Count < MessageCount)
        {
            Assert.False(serverReads.IsFaulted || clientReads.IsFaulted, (serverReads.Exception ?? clientReads.Exception)?.ToString());
            await Task.Delay(10, cancel.Token);
        }

        // A rekey the last bytes started completes only while both readers run: wait for it.
        while (pair.Client.KeyExchangeCount <= 2 || pair.Client.KeyExchangeCount != pair.Server.KeyExchangeCount)
        {
            Assert.False(serverReads.IsFaulted || clientReads.IsFaulted, (serverReads.Exception ?? clientReads.Exception)?.ToString());
            await Task.Delay(10, cancel.Token);
        }

        await stopReading.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serverReads);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clientReads);
        Assert.Equal(MessageCount, atServer.Count);
        Assert.Equal(MessageCount, atClient.Count);
        Assert.True(pair.Client.KeyExchangeCount > 2, $"only {pair.Client.KeyExchangeCount} key exchanges (server {pair.Server.KeyExchangeCount}, clientStartsIt {clientStartsIt})");
        // The readers stop at an arbitrary point, possibly with the last exchange's NEWKEYS in flight.
        Assert.InRange(pair.Client.KeyExchangeCount - pair.Server.KeyExchangeCount, -1, 1);
    }

    [Fact]
    public async Task Rekey_RequestedExplicitly_BothSidesCountIt()
    {
        await using var pair = await TransportPair.ConnectAsync(new SshTransportSettings(), new SshTransportSettings());
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        var sessionId = pair.Client.SessionId;

        pair.Server.RequestKeyExchange();
        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);

        Assert.Equal(2, pair.Client.KeyExchangeCount);
        Assert.Equal(2, pair.Server.KeyExchangeCount);
        Assert.Equal(sessionId, pair.Client.SessionId);
    }

    [Fact]
    public async Task Rekey_AfterRekeyInterval_StartsOnNextMessage()
    {
        var clock = new ManualClock();
        var client = new SshTransportSettings { RekeyInterval = TimeSpan.FromHours(1), Time = clock };
        await using var pair = await TransportPair.ConnectAsync(client, new SshTransportSettings());

        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);
        Assert.Equal(1, pair.Client.KeyExchangeCount);

        clock.Advance(TimeSpan.FromMinutes(61));
        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);
        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);

        Assert.Equal(2, pair.Client.KeyExchangeCount);
        Assert.Equal(2, pair.Server.KeyExchangeCount);
    }

    private static async Task SendNumberedAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        var message = new byte[MessageSize];
        message[0] = 200;
        for (var i = 0; i < MessageCount; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), i);
            message.AsSpan(5).Fill((byte)i);
            await transport.SendAsync(message, cancellationToken);
        }
    }

    private static async Task ReceiveNumberedAsync(SshTransport transport, Received received, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await transport.ReceiveAsync(cancellationToken);
            var expected = received.Count;
            Assert.Equal(MessageSize, message.Length);
            Assert.Equal(expected, BinaryPrimitives.ReadInt32BigEndian(message.Span[1..]));
            Assert.True(message.Span[5..].IndexOfAnyExcept((byte)expected) < 0);
            Interlocked.Increment(ref received.Count);
        }
    }

    private sealed class Received
    {
#pragma warning disable CA1051 // A counter shared with Interlocked in a test.
        public int Count;
#pragma warning restore CA1051
    }
}
