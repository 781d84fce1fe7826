using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Abuse before any keys exist, on raw bytes against the real relay: Terrapin (CVE-2023-48795)
/// with strict KEX, and a KEXINIT whose name-list is far larger than any real one. The same
/// rules are unit-tested on the transport alone in Warren.Ssh.Tests (TransportNegativeTests).
/// </summary>
public sealed class TransportAbuseTests(AbuseWarrenFixture relay) : IClassFixture<AbuseWarrenFixture>
{
    private const string StrictClientKex = "curve25519-sha256,ext-info-c,kex-strict-c-v00@openssh.com";

    [Fact]
    public async Task StrictKex_IgnoreDuringInitialKeyExchange_DisconnectsProtocolError()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);
        await raw.ReadPacketAsync(); // the relay's KEXINIT

        await raw.SendPacketAsync(RawSshSocket.KexInit(StrictClientKex));
        await raw.SendPacketAsync(AbuseMessage.Ignore(4));

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "strict KEX violation");
    }

    [Fact]
    public async Task StrictKex_IgnoreBeforeKexInit_DisconnectsProtocolError()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);

        // Terrapin's injection: an extra packet before KEXINIT shifts the sequence numbers.
        await raw.SendPacketAsync(AbuseMessage.Ignore(4));
        await raw.SendPacketAsync(RawSshSocket.KexInit(StrictClientKex));

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "KEXINIT was not the first packet");
    }

    [Fact]
    public async Task PingFlood_DuringInitialKeyExchange_DisconnectsAtTheFirstPing()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);
        await raw.ReadPacketAsync(); // the relay's KEXINIT

        // CVE-2025-26466: PONGs cannot be sent until an exchange ends, so each PING would queue one.
        // Before the first exchange has finished nothing but key exchange messages is taken, so
        // the flood ends at its first PING and nothing is queued.
        await raw.SendPacketAsync(RawSshSocket.KexInit("curve25519-sha256,ext-info-c"));
        var ping = new byte[1 + 4 + 8];
        ping[0] = SshMessageNumber.Ping;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ping.AsSpan(1), 8);
        for (var i = 0; i < 17; i++)
        {
            await raw.SendPacketAsync(ping);
        }

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "unexpected message 192 during key exchange");
    }

    [Fact]
    public async Task KexInit_HugeNameList_DisconnectsProtocolError()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);

        // 200 KB of algorithm names: under the packet limit, far over any real list (8 KiB allowed).
        var names = string.Join(',', Enumerable.Range(0, 20_000).Select(i => "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await raw.SendPacketAsync(RawSshSocket.KexInit(names + ",curve25519-sha256"));

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "malformed KEXINIT");
    }

    [Fact]
    public async Task NewKeys_BeforeKexInit_DisconnectsProtocolError()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);

        await raw.SendPacketAsync([SshMessageNumber.NewKeys]);

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "NEWKEYS");
    }

    [Fact]
    public async Task ServiceRequest_BeforeKeyExchange_DisconnectsProtocolError()
    {
        await using var raw = await RawSshSocket.ConnectAsync(relay.Port);
        await raw.ReadPacketAsync();

        await raw.SendPacketAsync(AbuseMessage.ServiceRequest("ssh-userauth"));

        await raw.AssertDisconnectedAsync(SshDisconnectReason.ProtocolError, "message 5");
    }
}
