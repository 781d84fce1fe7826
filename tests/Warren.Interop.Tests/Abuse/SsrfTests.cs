using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// With <c>--permit-open any</c>, a channel may reach real hosts, but not the relay's own
/// surroundings: loopback, link-local and cloud metadata, unspecified, by literal or by a name
/// that resolves to one (the machine's own host name, <c>localhost</c>: DNS rebinding's effect), or
/// by the decimal and short IPv4 forms of 127.0.0.1. Each refusal is
/// ADMINISTRATIVELY_PROHIBITED with a reason naming the address. Naming the target explicitly
/// is tested in RealHostForwardingTests (StdioForward_PermitOpenAnyAndTheLoopbackTargetNamed_Connects).
/// </summary>
public sealed class SsrfTests(SsrfTests.PermitAnyFixture relay) : IClassFixture<SsrfTests.PermitAnyFixture>
{
    private const uint AdministrativelyProhibited = 1;

    public static TheoryData<string, string> Targets => new()
    {
        { "127.0.0.1", "loopback" },
        { "::1", "loopback" },
        { "::ffff:127.0.0.1", "loopback" },
        { "0.0.0.0", "unspecified" },
        { "169.254.169.254", "link-local" },
        { "fe80::1", "link-local" },
        { "fd00:ec2::254", "cloud metadata" },
        { "100.100.100.200", "cloud metadata" },
        { "localhost", "resolves to" },
        { System.Net.Dns.GetHostName(), "resolves to" },
        { "2130706433", "loopback" },
        { "127.1", "loopback" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DirectTcpip_PermitOpenAnyToRelaysSurroundings_RefusedWithReason(string host, string reasonPart)
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        await client.SendAsync(AbuseMessage.DirectTcpip(0, host, 22));
        var (reason, text) = AbuseMessage.ReadOpenFailure(await client.ReceiveAsync(Warren.Ssh.SshMessageNumber.ChannelOpenFailure));

        Assert.True(reason == AdministrativelyProhibited, $"reason {reason}: {text}");
        Assert.Contains(reasonPart, text, StringComparison.Ordinal);
        await client.AssertAliveAsync();
    }

    /// <summary>`warren serve --anonymous --permit-open any`, penalties off (the tests are refused on purpose).</summary>
    public sealed class PermitAnyFixture() : WarrenFixture("--anonymous", "--permit-open", "any", "--per-source-penalties", "no");
}
