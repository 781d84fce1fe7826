using System.Buffers.Binary;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class TransportNegativeTests
{
    [Fact]
    public async Task StrictKex_IgnoreBeforeNewKeys_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();
        await peer.ReadPacketAsync(); // the server's KEXINIT

        await peer.SendPacketAsync(RawPeer.ClientKexInit(strict: true));
        await peer.SendPacketAsync([SshMessageNumber.Ignore, 0, 0, 0, 0]);

        Assert.Equal(SshDisconnectReason.ProtocolError, await peer.ReadDisconnectAsync());
        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("strict KEX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictKex_IgnoreBeforeKexInit_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();

        await peer.SendPacketAsync([SshMessageNumber.Ignore, 0, 0, 0, 0]);
        await peer.SendPacketAsync(RawPeer.ClientKexInit(strict: true));

        Assert.Equal(SshDisconnectReason.ProtocolError, await peer.ReadDisconnectAsync());
        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("KEXINIT was not the first packet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonStrictKex_IgnoreBeforeNewKeys_IsAccepted()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();
        await peer.ReadPacketAsync();

        await peer.SendPacketAsync(RawPeer.ClientKexInit(strict: false));
        await peer.SendPacketAsync([SshMessageNumber.Ignore, 0, 0, 0, 0]);
        // A malformed key exchange init follows, so the server has to have read past the IGNORE to fail on it.
        await peer.SendPacketAsync([SshMessageNumber.KexDhInit, 0, 0, 0, 1, 7]);

        Assert.Equal(SshDisconnectReason.KeyExchangeFailed, await peer.ReadDisconnectAsync());
    }

    [Fact]
    public async Task GuessedKexPacket_WrongGuess_IsSkipped()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();
        await peer.ReadPacketAsync();

        // The server's first kex algorithm is mlkem768x25519-sha256, so a curve25519 guess is wrong.
        await peer.SendPacketAsync(RawPeer.ClientKexInit(strict: false, firstKexPacketFollows: true, kex: "curve25519-sha256"));
        await peer.SendPacketAsync([SshMessageNumber.KexDhInit, 0, 0, 0, 1, 7]); // the wrong guess: skipped
        await peer.SendPacketAsync([SshMessageNumber.KexDhInit, 0, 0, 0, 2, 7, 7]); // the real one: malformed

        Assert.Equal(SshDisconnectReason.KeyExchangeFailed, await peer.ReadDisconnectAsync());
        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packet_LengthAboveMaximum_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();

        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0xFFFFFFF0);
        await peer.SendRawAsync(header);

        Assert.Equal(SshDisconnectReason.ProtocolError, await peer.ReadDisconnectAsync());
        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("bad packet length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packet_PaddingBelowFour_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();

        // packet_length 12, padding_length 2: aligned to 8 but with too little padding (RFC 4253 §6).
        byte[] packet = [0, 0, 0, 12, 2, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        await peer.SendRawAsync(packet);

        Assert.Equal(SshDisconnectReason.ProtocolError, await peer.ReadDisconnectAsync());
        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("padding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packet_LengthNotBlockAligned_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();
        await peer.ExchangeVersionsAsync();

        byte[] packet = [0, 0, 0, 13, 4, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        await peer.SendRawAsync(packet);

        Assert.Equal(SshDisconnectReason.ProtocolError, await peer.ReadDisconnectAsync());
    }

    [Fact]
    public async Task Version_GarbageInsteadOfIdentification_ClosesWithExplanation()
    {
        await using var peer = await RawPeer.ConnectAsync();

        await peer.SendRawAsync("GET / HTTP/1.1\r\nHost: example\r\n\r\n");

        var text = await peer.ReadUntilClosedAsync();
        Assert.StartsWith("SSH-2.0-Warren_", text, StringComparison.Ordinal);
        Assert.Contains("Invalid SSH identification string.", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SshConnectionClosedException>(() => peer.Server);
    }

    [Fact]
    public async Task Version_OldProtocolVersion_DisconnectsVersionNotSupported()
    {
        await using var peer = await RawPeer.ConnectAsync();

        await peer.SendRawAsync("SSH-1.5-Ancient\r\n");
        await peer.Reader.ReadLineAsync(255, peer.Token);

        Assert.Equal(SshDisconnectReason.ProtocolVersionNotSupported, await peer.ReadDisconnectAsync());
    }

    [Fact]
    public async Task Version_OverlongLine_Disconnects()
    {
        await using var peer = await RawPeer.ConnectAsync();

        await peer.SendRawAsync("SSH-2.0-" + new string('x', 300) + "\r\n");

        var error = await Assert.ThrowsAsync<SshProtocolException>(() => peer.Server);
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_SentOneByteAtATime_HandshakeStillProceeds()
    {
        await using var peer = await RawPeer.ConnectAsync();

        foreach (var b in "SSH-2.0-Slow_1.0\r\n"u8.ToArray())
        {
            await peer.SendRawAsync([b]);
            await Task.Delay(20);
        }

        var line = await peer.Reader.ReadLineAsync(255, peer.Token);
        Assert.StartsWith("SSH-2.0-Warren_", line, StringComparison.Ordinal);
        var kexInit = await peer.ReadPacketAsync();
        Assert.Equal(SshMessageNumber.KexInit, kexInit[0]);
    }

    [Fact]
    public async Task Version_TrickledSlowerThanHandshakeTimeout_IsDropped()
    {
        await using var peer = await RawPeer.ConnectAsync(new SshTransportSettings { HandshakeTimeout = TimeSpan.FromSeconds(2) });

        // One byte a second, as a slow-loris peer does; the server must give up on its own clock.
        var trickle = Task.Run(async () =>
        {
            foreach (var b in "SSH-2.0-Slowloris_1.0\r\n"u8.ToArray())
            {
                try
                {
                    await peer.SendRawAsync([b]);
                    await Task.Delay(1000, peer.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    return;
                }
            }
        });

        var error = await Assert.ThrowsAsync<SshConnectionClosedException>(() => peer.Server.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("in time", error.Message, StringComparison.Ordinal);
        await trickle.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ClientRole_LinesBeforeServerVersion_AreTolerated()
    {
        using var connection = await LoopbackConnection.OpenAsync();
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        var serverStream = new System.Net.Sockets.NetworkStream(connection.Server, ownsSocket: true);

        // RFC 4253 §4.2: a server may send other lines first; the client skips them.
        await serverStream.WriteAsync("Welcome to a very chatty server\r\nsecond line\r\n"u8.ToArray(), cancel.Token);
        var server = SshTransport.AcceptAsync(serverStream, new SshTransportSettings(), TestKeys.All, cancel.Token);
        var client = SshTransport.ConnectAsync(new System.Net.Sockets.NetworkStream(connection.Client, ownsSocket: true), new SshTransportSettings(), _ => true, cancel.Token);

        await using var clientTransport = await client;
        await using var serverTransport = await server;
        Assert.StartsWith("SSH-2.0-Warren_", clientTransport.RemoteIdentification, StringComparison.Ordinal);
    }
}
