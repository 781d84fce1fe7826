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
        var small = new SshTransportSettings { RekeyBytes = 64 * 1024 };
        var large = new SshTransportSettings();
        await using var pair = await TransportPair.ConnectAsync(clientStartsIt ? small : large, clientStartsIt ? large : small);
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);

        // Each side sends a numbered stream while reading the other's; every message must arrive once, in order.
        var clientToServer = Task.Run(() => SendNumberedAsync(pair.Client, cancel.Token));
        var serverToClient = Task.Run(() => SendNumberedAsync(pair.Server, cancel.Token));
        var serverReads = Task.Run(() => ReceiveNumberedAsync(pair.Server, cancel.Token));
        var clientReads = Task.Run(() => ReceiveNumberedAsync(pair.Client, cancel.Token));
        await Task.WhenAll(clientToServer, serverToClient, serverReads, clientReads).WaitAsync(TransportPair.Timeout);

        Assert.True(pair.Client.KeyExchangeCount > 2, $"only {pair.Client.KeyExchangeCount} key exchanges");
        Assert.Equal(pair.Client.KeyExchangeCount, pair.Server.KeyExchangeCount);
        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);
    }

    [Fact]
    public async Task Rekey_RequestedExplicitly_BothSidesCountIt()
    {
        await using var pair = await TransportPair.ConnectAsync(new SshTransportSettings(), new SshTransportSettings());
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        var sessionId = pair.Client.SessionId;

        await pair.Server.RequestKeyExchangeAsync(cancel.Token);
        await TransportHandshakeTests.AssertMessagesFlowAsync(pair);

        Assert.Equal(2, pair.Client.KeyExchangeCount);
        Assert.Equal(2, pair.Server.KeyExchangeCount);
        Assert.Equal(sessionId, pair.Client.SessionId);
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

    private static async Task ReceiveNumberedAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MessageCount; i++)
        {
            var message = await transport.ReceiveAsync(cancellationToken);
            Assert.Equal(MessageSize, message.Length);
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(message.Span[1..]));
            Assert.True(message.Span[5..].IndexOfAnyExcept((byte)i) < 0);
        }
    }
}
