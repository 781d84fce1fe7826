using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Floods of requests inside one logged-in session (PROTOCOL-NOTES §4: CVE-2026-39827, rejected
/// channels never freed): the per-session limits hold, each refusal carries its reason, what
/// was refused leaves nothing behind, and the session goes on.
/// </summary>
public sealed class RequestFloodTests(AbuseWarrenFixture relay) : IClassFixture<AbuseWarrenFixture>
{
    private const uint AdministrativelyProhibited = 1;
    private const uint ResourceShortage = 4;

    [Fact]
    public async Task ChannelOpenFlood_OverTheSessionLimit_EachRefusedWithReasonAndFreedPlacesReused()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);
        var open = new List<uint>();
        for (uint i = 0; i < AbuseWarrenFixture.Channels; i++)
        {
            open.Add(await client.OpenDirectAsync(i, relay.EchoPort));
        }

        for (uint i = 100; i < 1100; i++)
        {
            await client.SendAsync(AbuseMessage.DirectTcpip(i, "127.0.0.1", (uint)relay.EchoPort));
        }

        for (var i = 0; i < 1000; i++)
        {
            var (reason, text) = AbuseMessage.ReadOpenFailure(await client.ReceiveAsync(SshMessageNumber.ChannelOpenFailure));
            Assert.Equal(ResourceShortage, reason);
            Assert.Contains("limit reached: 4 open channels per session", text, StringComparison.Ordinal);
        }

        // A closed channel's place is free again once its actor has stopped: nothing of the refused ones was kept.
        await client.SendAsync(AbuseMessage.Of(SshMessageNumber.ChannelClose).UInt32(open[0]).ToArray());
        await client.ReceiveAsync(SshMessageNumber.ChannelClose);
        uint? reopened = null;
        for (uint attempt = 0; reopened is null && attempt < 100; attempt++)
        {
            reopened = await client.TryOpenDirectAsync(5000 + attempt, relay.EchoPort);
        }

        Assert.NotNull(reopened);
    }

    [Fact]
    public async Task ChannelOpenFlood_ToForbiddenHosts_EachRefusedAndSessionGoesOn()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        for (uint i = 0; i < 5000; i++)
        {
            await client.SendAsync(AbuseMessage.DirectTcpip(i, "169.254.169.254", 80));
        }

        // Opens still being decided count against the channel limit, so in a burst some are
        // refused for that reason instead; every refusal says which.
        for (var i = 0; i < 5000; i++)
        {
            var (reason, text) = AbuseMessage.ReadOpenFailure(await client.ReceiveAsync(SshMessageNumber.ChannelOpenFailure));
            if (reason == ResourceShortage)
            {
                Assert.Contains("limit reached: 4 open channels per session", text, StringComparison.Ordinal);
                continue;
            }

            Assert.Equal(AdministrativelyProhibited, reason);
            Assert.Contains("169.254.169.254", text, StringComparison.Ordinal);
        }

        await client.OpenDirectAsync(9000, relay.EchoPort);
    }

    [Fact]
    public async Task TcpipForwardFlood_OverTheSessionLimit_RefusedAndLoggedWithTheLimit()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);
        var prefix = "flood" + Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 200; i++)
        {
            await client.SendAsync(AbuseMessage.TcpipForward(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 80));
        }

        var granted = 0;
        for (var i = 0; i < 200; i++)
        {
            var reply = await client.ReceiveAsync();
            while (reply[0] is not (SshMessageNumber.RequestSuccess or SshMessageNumber.RequestFailure))
            {
                reply = await client.ReceiveAsync();
            }

            granted += reply[0] == SshMessageNumber.RequestSuccess ? 1 : 0;
        }

        Assert.Equal(AbuseWarrenFixture.Forwards, granted);
        await relay.Output.WaitForTextAsync("reason=limit reached: 3 forwards (ssh -R) per session", HostileClient.Timeout);
        await client.AssertAliveAsync();
    }
}
