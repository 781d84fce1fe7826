using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// A logged-in client that breaks the connection protocol (RFC 4254) or the transport's rules
/// after login, from a hand-built client: each fault ends with a DISCONNECT naming it, and what
/// the relay tolerates (an unknown number it handed out, a reused client channel number, a
/// late userauth request) leaves the session working.
/// </summary>
public sealed class ConnectionAbuseTests(AbuseWarrenFixture relay) : IClassFixture<AbuseWarrenFixture>
{
    [Fact]
    public async Task ChannelData_ForChannelNeverOpened_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        await client.SendAsync(AbuseMessage.ChannelData(999, 10));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 94 for channel 999, which is not open");
    }

    [Fact]
    public async Task ChannelOpen_SenderNumberReused_BothChannelsServedApart()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        // The relay keys channels by its own numbers; the client's confusion is its own (OpenSSH's sshd does the same).
        var first = await client.OpenDirectAsync(7, relay.EchoPort);
        var second = await client.OpenDirectAsync(7, relay.EchoPort);

        Assert.NotEqual(first, second);
        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task WindowAdjust_OverflowingUInt32_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);
        var channel = await client.OpenDirectAsync(0, relay.EchoPort);

        // CVE-2025-54804: 2 MiB of window plus 0xFFFFFFFF would wrap a 32-bit window.
        await client.SendAsync(AbuseMessage.WindowAdjust(channel, uint.MaxValue));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "bad WINDOW_ADJUST");
    }

    [Fact]
    public async Task ChannelData_LargerThanMaximumPacket_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);
        var channel = await client.OpenDirectAsync(0, relay.EchoPort);

        // The relay's maximum packet for socket channels is 32 KiB; one byte more is a protocol error.
        await client.SendAsync(AbuseMessage.ChannelData(channel, (32 * 1024) + 1));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "channel data larger than the maximum packet size");
    }

    [Fact]
    public async Task UserAuthRequest_AfterSuccess_IsIgnored()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        // RFC 4252 §5.1: requests after success are ignored; no second login, no disconnect.
        await client.SendAsync(AbuseMessage.NoneAuth("root"));

        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task ServiceRequest_AfterAuthentication_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        await client.SendAsync(AbuseMessage.ServiceRequest("ssh-userauth"));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 5 after authentication");
    }

    [Fact]
    public async Task UserAuthSuccess_SentByClientAfterLogin_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        await client.SendAsync([SshMessageNumber.UserAuthSuccess]);

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 52 after authentication");
    }

    [Fact]
    public async Task RequestReplies_Unsolicited_AreDiscarded()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        // CVE-2026-39830: replies to requests never made must not pile up anywhere.
        for (var i = 0; i < 1000; i++)
        {
            await client.SendAsync([SshMessageNumber.RequestSuccess]);
            await client.SendAsync([SshMessageNumber.RequestFailure]);
        }

        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task KeyExchange_StartedAgainAndAgain_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        // Each round is one full key exchange started by the client, with a keepalive as its only traffic.
        var closed = await Assert.ThrowsAsync<SshConnectionClosedException>(async () =>
        {
            for (var round = 0; round < 200; round++)
            {
                client.Transport.RequestKeyExchange();
                var answer = client.ReceiveAsync(SshMessageNumber.RequestFailure);

                // The send waits for the exchange to finish, which a disconnect never does: the answer decides.
                var send = client.SendAsync(AbuseMessage.KeepAlive()).AsTask();
                await answer;
                await send;
            }
        });

        Assert.Equal(SshDisconnectReason.ProtocolError, closed.Reason);
        Assert.Contains("key exchanges started too often", closed.Message, StringComparison.Ordinal);
        Assert.InRange(client.Transport.KeyExchangeCount, 10, 200);
    }

    [Fact]
    public async Task IgnoreFlood_TwentyMegabytes_SessionSurvivesWithoutMemoryGrowth()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);
        await client.AssertAliveAsync();
        var before = ProcessMemory.Pss(relay.ProcessId);

        // SSH_MSG_IGNORE is read into the connection's one packet buffer and dropped there (RFC 4253 §11.2).
        var ignore = AbuseMessage.Ignore(16 * 1024);
        for (var i = 0; i < 1280; i++)
        {
            await client.SendAsync(ignore);
        }

        await client.AssertAliveAsync();
        var growth = ProcessMemory.Pss(relay.ProcessId) - before;
        Assert.True(growth < 16L * 1024 * 1024, $"the relay grew by {ProcessMemory.Megabytes(growth)} while it discarded 20 MB of IGNORE");
    }
}
