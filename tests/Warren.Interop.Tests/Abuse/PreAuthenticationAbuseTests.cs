using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Messages out of order before a login (RFC 4252 §6; PROTOCOL-NOTES §4: CVE-2018-10933,
/// CVE-2018-7749/7750, CVE-2025-32433, CVE-2023-46445/46446), each from a hand-built client
/// after a real key exchange: the relay answers with a DISCONNECT that names the fault.
/// </summary>
public sealed class PreAuthenticationAbuseTests(AbuseWarrenFixture relay) : IClassFixture<AbuseWarrenFixture>
{
    [Fact]
    public async Task ChannelOpen_BeforeServiceRequest_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);

        await client.SendAsync(AbuseMessage.DirectTcpip(0, "127.0.0.1", 22));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 90 before authentication");
    }

    [Fact]
    public async Task ChannelOpen_BeforeAuthentication_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync(AbuseMessage.SessionOpen(0));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 90 before authentication");
    }

    [Fact]
    public async Task GlobalRequest_BeforeAuthentication_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync(AbuseMessage.TcpipForward("myapp", 80));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 80 before authentication");
    }

    [Fact]
    public async Task UserAuthSuccess_SentByClient_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync([SshMessageNumber.UserAuthSuccess]);

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 52 is not sent by clients");
    }

    [Fact]
    public async Task ServiceRequest_ConnectionServiceBeforeAuthentication_DisconnectsServiceNotAvailable()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);

        await client.SendAsync(AbuseMessage.ServiceRequest("ssh-connection"));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ServiceNotAvailable, "service 'ssh-connection' is not available");
    }

    [Fact]
    public async Task ServiceRequest_Twice_DisconnectsServiceNotAvailable()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync(AbuseMessage.ServiceRequest("ssh-userauth"));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ServiceNotAvailable, "service 'ssh-userauth' is not available");
    }

    [Fact]
    public async Task UserAuthRequest_BeforeServiceRequest_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);

        await client.SendAsync(AbuseMessage.NoneAuth("mallory"));

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "before the ssh-userauth service was accepted");
    }

    [Fact]
    public async Task NewKeys_WithoutKexInit_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);

        await client.SendAsync([SshMessageNumber.NewKeys]);

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "NEWKEYS outside a key exchange");
    }

    [Fact]
    public async Task KexReply_SentByClientOutsideKeyExchange_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);

        await client.SendAsync([SshMessageNumber.KexDhReply, 0, 0, 0, 0]);

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "key exchange message 31 outside a key exchange");
    }

    [Fact]
    public async Task ExtInfo_NotFirstAfterNewKeys_DisconnectsProtocolError()
    {
        await using var client = await HostileClient.ConnectAsync(relay.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        // CVE-2023-46445: a rogue EXT_INFO later in the session must not be taken.
        await client.SendAsync(AbuseMessage.Of(SshMessageNumber.ExtInfo).UInt32(1).String("server-sig-algs").String("ssh-rsa").ToArray());

        await client.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "unexpected or malformed EXT_INFO");
    }
}
