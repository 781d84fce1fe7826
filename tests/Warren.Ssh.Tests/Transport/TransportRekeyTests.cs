using System.Buffers.Binary;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class TransportRekeyTests
{
    private const int MessageCount = 3000;
    private const int MessageSize = 1000;
    private const int MessageLimit = 30 * MessageCount;
    private const int MinimumExchanges = 4;

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
        // A rekey is only started by traffic, and a starved reader can let a whole stream pass
        // during one exchange: the senders go on until several exchanges have happened.
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
        var (sentByClient, sentByServer) = (await clientToServer.WaitAsync(guard), await serverToClient.WaitAsync(guard));
        string State() =>
            $"received {atServer.Count} of {sentByClient} at the server and {atClient.Count} of {sentByServer} at the client; "
            + $"key exchanges: client {pair.Client.KeyExchangeCount}, server {pair.Server.KeyExchangeCount}";
        while (atServer.Count < sentByClient || atClient.Count < sentByServer)
        {
            Assert.False(serverReads.IsFaulted || clientReads.IsFaulted, (serverReads.Exception ?? clientReads.Exception)?.ToString());
            Assert.False(cancel.IsCancellationRequested, "every message should arrive; " + State());
            await Task.Delay(10, CancellationToken.None);
        }

        // A rekey the last bytes started completes only while both readers run: wait for it.
        while (pair.Client.KeyExchangeCount != pair.Server.KeyExchangeCount)
        {
            Assert.False(serverReads.IsFaulted || clientReads.IsFaulted, (serverReads.Exception ?? clientReads.Exception)?.ToString());
            Assert.False(cancel.IsCancellationRequested, "the last key exchange should complete; " + State());
            await Task.Delay(10, CancellationToken.None);
        }

        await stopReading.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serverReads);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clientReads);
        Assert.Equal(sentByClient, atServer.Count);
        Assert.Equal(sentByServer, atClient.Count);
        Assert.True(pair.Client.KeyExchangeCount >= MinimumExchanges, $"only {pair.Client.KeyExchangeCount} key exchanges (server {pair.Server.KeyExchangeCount}, clientStartsIt {clientStartsIt})");
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

    /// <summary>Sends at least <see cref="MessageCount"/> numbered messages, and more until the transport has rekeyed enough; returns how many.</summary>
    private static async Task<int> SendNumberedAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        var message = new byte[MessageSize];
        message[0] = 200;
        var i = 0;
        for (; i < MessageCount || (transport.KeyExchangeCount < MinimumExchanges && i < MessageLimit); i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), i);
            message.AsSpan(5).Fill((byte)i);
            await transport.SendAsync(message, cancellationToken);
        }

        return i;
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
