using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class TransportHandshakeTests
{
    private static readonly SshTransportSettings Defaults = new();

    public static TheoryData<string> KexAlgorithms => new(KeyExchangeFactory.SupportedAlgorithms);

    public static TheoryData<string> Ciphers => new(PacketCipherFactory.SupportedCiphers);

    public static TheoryData<string> Macs => new(PacketCipherFactory.SupportedMacs);

    public static TheoryData<string> HostKeyAlgorithms => new(SshTransport.SupportedHostKeyAlgorithms);

    [Theory]
    [MemberData(nameof(KexAlgorithms))]
    public async Task Handshake_EachKexAlgorithm_BothSidesAgreeOnSessionId(string kex)
    {
        await using var pair = await TransportPair.ConnectAsync(Defaults with { KexAlgorithms = [kex] }, Defaults);

        Assert.Equal(kex, pair.Client.Algorithms!.Kex);
        Assert.Equal(kex, pair.Server.Algorithms!.Kex);
        Assert.NotEmpty(pair.Client.SessionId);
        Assert.Equal(pair.Client.SessionId, pair.Server.SessionId);
        await AssertMessagesFlowAsync(pair);
    }

    [Theory]
    [MemberData(nameof(HostKeyAlgorithms))]
    public async Task Handshake_EachHostKeyAlgorithm_ClientVerifiesServerSignature(string algorithm)
    {
        await using var pair = await TransportPair.ConnectAsync(Defaults with { HostKeyAlgorithms = [algorithm] }, Defaults);

        Assert.Equal(algorithm, pair.Client.Algorithms!.HostKey);
        await AssertMessagesFlowAsync(pair);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task Handshake_EachCipher_MessagesFlowBothWays(string cipher)
    {
        await using var pair = await TransportPair.ConnectAsync(Defaults with { Ciphers = [cipher] }, Defaults);

        Assert.Equal(cipher, pair.Client.Algorithms!.CipherClientToServer);
        Assert.Equal(cipher, pair.Server.Algorithms!.CipherServerToClient);
        await AssertMessagesFlowAsync(pair);
    }

    [Theory]
    [MemberData(nameof(Macs))]
    public async Task Handshake_EachMacWithCtr_MessagesFlowBothWays(string mac)
    {
        await using var pair = await TransportPair.ConnectAsync(Defaults with { Ciphers = ["aes256-ctr"], Macs = [mac] }, Defaults);

        Assert.Equal(mac, pair.Client.Algorithms!.MacClientToServer);
        await AssertMessagesFlowAsync(pair);
    }

    [Fact]
    public async Task Handshake_BothSidesSignalStrictKex_StrictKexIsOn()
    {
        await using var pair = await TransportPair.ConnectAsync(Defaults, Defaults);

        Assert.True(pair.Client.IsStrictKex);
        Assert.True(pair.Server.IsStrictKex);
    }

    [Fact]
    public async Task Handshake_ServerOffersOnlyAesGcm_ClientPreferringChaChaGetsAesGcm()
    {
        var client = Defaults with { Ciphers = ["chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com"] };
        var server = Defaults with { Ciphers = ["aes256-gcm@openssh.com"] };

        await using var pair = await TransportPair.ConnectAsync(client, server);

        Assert.Equal("aes256-gcm@openssh.com", pair.Client.Algorithms!.CipherClientToServer);
    }

    [Fact]
    public async Task Handshake_NoCommonCipher_FailsWithKeyExchangeFailed()
    {
        var client = Defaults with { Ciphers = ["aes128-ctr"] };
        var server = Defaults with { Ciphers = ["aes256-gcm@openssh.com"] };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TransportPair.ConnectAsync(client, server));

        var reason = error switch
        {
            SshProtocolException p => p.Reason,
            SshConnectionClosedException c => c.Reason,
            _ => SshDisconnectReason.None,
        };
        Assert.Equal(SshDisconnectReason.KeyExchangeFailed, reason);
        Assert.Contains("cipher", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_ClientRefusesHostKey_FailsWithHostKeyNotVerifiable()
    {
        using var connection = await LoopbackConnection.OpenAsync();
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        var server = SshTransport.AcceptAsync(new System.Net.Sockets.NetworkStream(connection.Server, ownsSocket: true), Defaults, TestKeys.All, cancel.Token);
        var client = SshTransport.ConnectAsync(new System.Net.Sockets.NetworkStream(connection.Client, ownsSocket: true), Defaults, _ => false, cancel.Token);

        var error = await Assert.ThrowsAsync<SshProtocolException>(() => client);
        await Assert.ThrowsAnyAsync<Exception>(() => server);

        Assert.Equal(SshDisconnectReason.HostKeyNotVerifiable, error.Reason);
    }

    internal static async Task AssertMessagesFlowAsync(TransportPair pair)
    {
        // Both sides read while both write, as sessions do: a key exchange in flight needs the reader.
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        byte[] ping = [200, 1, 2, 3, 4, 5];
        byte[] pong = [201, 9, 8, 7];
        var atServer = ReceiveCopyAsync(pair.Server, cancel.Token);
        var atClient = ReceiveCopyAsync(pair.Client, cancel.Token);

        await pair.Client.SendAsync(ping, cancel.Token);
        await pair.Server.SendAsync(pong, cancel.Token);

        Assert.Equal(ping, await atServer.WaitAsync(TransportPair.Timeout));
        Assert.Equal(pong, await atClient.WaitAsync(TransportPair.Timeout));
    }

    private static async Task<byte[]> ReceiveCopyAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        var message = await transport.ReceiveAsync(cancellationToken);
        return message.ToArray();
    }
}
