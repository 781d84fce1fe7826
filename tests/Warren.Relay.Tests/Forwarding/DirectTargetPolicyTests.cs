using System.Net;
using Warren.Relay.Forwarding;
using Warren.Ssh.Auth;

namespace Warren.Relay.Tests.Forwarding;

public sealed class DirectTargetPolicyTests
{
    private static readonly KeyPermissions Open = KeyPermissions.Unrestricted;

    // Tunnel names are DNS labels: the registry ignores case.
    private static readonly Func<string, bool> Tunnels =
        name => name.Equals("mydb", StringComparison.OrdinalIgnoreCase) || name.Equals("myapp", StringComparison.OrdinalIgnoreCase);

    private static DirectTargetPolicy Policy(params string[] permitOpen) =>
        Policy(permitOpen, [], []);

    private static DirectTargetPolicy Policy(string[] permitOpen, IPEndPoint[] listeners, IPAddress[] addresses)
    {
        Assert.True(DirectTargetPolicy.TryCreate(permitOpen, listeners, addresses, "example.com", out var policy, out var error), error);
        return policy;
    }

    [Fact]
    public void Decide_TunnelNameWithoutPermitOpen_IsTunnel()
    {
        var decision = DirectTargetPolicy.TunnelsOnly.Decide("mydb", 5432, Open, Tunnels);

        Assert.Equal(DirectTargetKind.Tunnel, decision.Kind);
        Assert.Equal("mydb", decision.Host);
        Assert.Equal(5432, decision.Port);
    }

    [Fact]
    public void Decide_RealHostWithoutPermitOpen_RefusedWithHint()
    {
        var decision = DirectTargetPolicy.TunnelsOnly.Decide("example.com", 80, Open, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Equal(ChannelOpenFailureCode.AdministrativelyProhibited, decision.FailureCode);
        Assert.Contains("forwards only to tunnel names", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("--permit-open HOST:PORT", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExactEntry_AllowsOnlyThatPort()
    {
        var policy = Policy("db.internal:5432");

        var allowed = policy.Decide("db.internal", 5432, Open, Tunnels);
        var otherPort = policy.Decide("db.internal", 5433, Open, Tunnels);

        Assert.Equal(DirectTargetKind.RealHost, allowed.Kind);
        Assert.False(allowed.CheckAfterResolve);
        Assert.Equal(DirectTargetKind.Refused, otherPort.Kind);
        Assert.Contains("--permit-open db.internal:5433", otherPort.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DB.Internal")]
    [InlineData("db.internal.")]
    public void Decide_HostDiffersInCaseOrTrailingDot_Allowed(string host)
    {
        Assert.Equal(DirectTargetKind.RealHost, Policy("db.internal:5432").Decide(host, 5432, Open, Tunnels).Kind);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("0:0:0:0:0:0:0:1")]
    public void Decide_V6EntryInBrackets_MatchesEveryV6Spelling(string host)
    {
        var decision = Policy("[::1]:22").Decide(host, 22, Open, Tunnels);

        Assert.Equal(DirectTargetKind.RealHost, decision.Kind);
        Assert.False(decision.CheckAfterResolve);
    }

    [Fact]
    public void Decide_PortStarEntry_AllowsEveryPortOfThatHost()
    {
        var policy = Policy("db.internal:*");

        Assert.Equal(DirectTargetKind.RealHost, policy.Decide("db.internal", 1, Open, Tunnels).Kind);
        Assert.Equal(DirectTargetKind.RealHost, policy.Decide("db.internal", 65535, Open, Tunnels).Kind);
        Assert.Equal(DirectTargetKind.Refused, policy.Decide("other.internal", 80, Open, Tunnels).Kind);
    }

    [Fact]
    public void Decide_AnyWithName_AllowedButChecksAfterResolve()
    {
        var decision = Policy("any").Decide("example.com", 443, Open, Tunnels);

        Assert.Equal(DirectTargetKind.RealHost, decision.Kind);
        Assert.True(decision.CheckAfterResolve);
    }

    [Fact]
    public void Decide_AnyWithPublicLiteral_AllowedWithoutFurtherCheck()
    {
        var decision = Policy("ANY").Decide("203.0.113.5", 443, Open, Tunnels);

        Assert.Equal(DirectTargetKind.RealHost, decision.Kind);
        Assert.False(decision.CheckAfterResolve);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    public void Decide_AnyWithSpecialLiteral_Refused(string host, string what)
    {
        var decision = Policy("any").Decide(host, 6379, Open, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Equal(ChannelOpenFailureCode.AdministrativelyProhibited, decision.FailureCode);
        Assert.Contains(what, decision.Reason, StringComparison.Ordinal);
        Assert.Contains("--permit-open", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AnyPlusExplicitLoopback_AllowsOnlyTheListedPort()
    {
        var policy = Policy("any", "127.0.0.1:6379");

        Assert.Equal(DirectTargetKind.RealHost, policy.Decide("127.0.0.1", 6379, Open, Tunnels).Kind);
        Assert.Equal(DirectTargetKind.Refused, policy.Decide("127.0.0.1", 22, Open, Tunnels).Kind);
    }

    [Fact]
    public void Decide_AnyPlusExplicitName_NeedsNoResolvedCheck()
    {
        var decision = Policy("any", "localhost:6379").Decide("localhost", 6379, Open, Tunnels);

        Assert.Equal(DirectTargetKind.RealHost, decision.Kind);
        Assert.False(decision.CheckAfterResolve);
    }

    [Fact]
    public void CheckResolved_NameResolvingToLoopback_RefusedNamingBoth()
    {
        var policy = Policy("any");

        var decision = policy.CheckResolved(IPAddress.Loopback, 22, "rebind.example");

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Contains("rebind.example resolves to 127.0.0.1:22", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckResolved_LoopbackListedExplicitly_Allowed()
    {
        var policy = Policy("any", "127.0.0.1:6379");

        Assert.True(policy.CheckResolved(IPAddress.Loopback, 6379, "localhost").IsAllowed);
        Assert.False(policy.CheckResolved(IPAddress.Loopback, 6380, "localhost").IsAllowed);
    }

    [Fact]
    public void CheckResolved_PublicAddress_Allowed()
    {
        Assert.True(Policy("any").CheckResolved(IPAddress.Parse("198.51.100.7"), 443).IsAllowed);
    }

    [Fact]
    public void CheckResolved_OwnListenerOnWildcard_RefusedOnThatPortOnly()
    {
        var own = IPAddress.Parse("10.0.0.5");
        var policy = Policy(["any"], [new IPEndPoint(IPAddress.Any, 8080)], [own]);

        var listener = policy.CheckResolved(own, 8080);
        var otherPort = policy.CheckResolved(own, 5432);

        Assert.False(listener.IsAllowed);
        Assert.Contains("relay's own listeners", listener.Reason, StringComparison.Ordinal);
        Assert.True(otherPort.IsAllowed);
    }

    [Fact]
    public void Decide_OwnListenerBySpecificAddress_Refused()
    {
        var policy = Policy(["any"], [new IPEndPoint(IPAddress.Parse("10.0.0.5"), 2222)], []);

        Assert.False(policy.Decide("10.0.0.5", 2222, Open, Tunnels).IsAllowed);
    }

    [Fact]
    public void Decide_WildcardHostEntry_GuardsLoopbackToo()
    {
        var policy = Policy("*:5432");

        Assert.True(policy.Decide("db.example", 5432, Open, Tunnels).CheckAfterResolve);
        Assert.False(policy.Decide("127.0.0.1", 5432, Open, Tunnels).IsAllowed);
        Assert.False(policy.Decide("db.example", 5433, Open, Tunnels).IsAllowed);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(65536u)]
    [InlineData(uint.MaxValue)]
    public void Decide_PortOutOfRange_Refused(uint port)
    {
        var decision = Policy("any").Decide("mydb", port, Open, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Contains("out of range", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_EmptyHost_Refused()
    {
        Assert.False(Policy("any").Decide(string.Empty, 80, Open, Tunnels).IsAllowed);
    }

    [Fact]
    public void Decide_NoPortForwarding_RefusesTunnelsAndHosts()
    {
        var restricted = new KeyPermissions { PortForwarding = false };
        var policy = Policy("any");

        var tunnel = policy.Decide("mydb", 5432, restricted, Tunnels);
        var host = policy.Decide("example.com", 80, restricted, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, tunnel.Kind);
        Assert.Equal(DirectTargetKind.Refused, host.Kind);
        Assert.Contains("port forwarding is disabled for this key", tunnel.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_KeyPermitOpen_NarrowsAnyToItsEntries()
    {
        var key = new KeyPermissions { PermitOpen = ["db.example.com:5432"] };
        var policy = Policy("any");

        Assert.Equal(DirectTargetKind.RealHost, policy.Decide("db.example.com", 5432, key, Tunnels).Kind);
        var other = policy.Decide("www.example.com", 443, key, Tunnels);
        Assert.Equal(DirectTargetKind.Refused, other.Kind);
        Assert.Contains("this key's permitopen= does not allow www.example.com:443; it allows db.example.com:5432", other.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_KeyPermitOpen_AppliesToTunnelNames()
    {
        var key = new KeyPermissions { PermitOpen = ["mydb:5432"] };

        Assert.Equal(DirectTargetKind.Tunnel, DirectTargetPolicy.TunnelsOnly.Decide("mydb", 5432, key, Tunnels).Kind);
        Assert.Equal(DirectTargetKind.Refused, DirectTargetPolicy.TunnelsOnly.Decide("myapp", 80, key, Tunnels).Kind);
    }

    [Fact]
    public void Decide_KeyPermitOpenPortStar_AllowsEveryPort()
    {
        var key = new KeyPermissions { PermitOpen = ["mydb:*"] };

        Assert.True(DirectTargetPolicy.TunnelsOnly.Decide("mydb", 1234, key, Tunnels).IsAllowed);
    }

    [Fact]
    public void Decide_KeyPermitOpenCannotWidenServer_StillRefused()
    {
        var key = new KeyPermissions { PermitOpen = ["example.com:80"] };

        var decision = DirectTargetPolicy.TunnelsOnly.Decide("example.com", 80, key, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Contains("--permit-open", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_KeyPermitOpenEmptyAfterIntersection_RefusesEverything()
    {
        var key = new KeyPermissions { PermitOpen = [] };

        var decision = DirectTargetPolicy.TunnelsOnly.Decide("mydb", 5432, key, Tunnels);

        Assert.Equal(DirectTargetKind.Refused, decision.Kind);
        Assert.Contains("it allows nothing", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HostileHostText_ReasonIsPrintableAndShort()
    {
        var host = "evil\u001b[2J" + new string('a', 500);

        var decision = DirectTargetPolicy.TunnelsOnly.Decide(host, 80, Open, Tunnels);

        Assert.DoesNotContain('\u001b', decision.Reason);
        Assert.True(decision.Reason.Length < 400, decision.Reason);
    }

    [Theory]
    [InlineData("db")]
    [InlineData("db:")]
    [InlineData("db:0")]
    [InlineData("db:65536")]
    [InlineData(":22")]
    [InlineData("[::1:22")]
    public void TryCreate_BadEntry_FailsNamingIt(string entry)
    {
        Assert.False(DirectTargetPolicy.TryCreate([entry], null, null, null, out _, out var error));
        Assert.StartsWith("--permit-open '", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mydb.example.com")]
    [InlineData("MYDB.Example.COM.")]
    public void Decide_TunnelNameUnderDomain_IsThatTunnel(string host)
    {
        var decision = Policy().Decide(host, 5432, Open, Tunnels);

        Assert.Equal(DirectTargetKind.Tunnel, decision.Kind);
        Assert.Equal("mydb", decision.Host, ignoreCase: true);
    }

    [Fact]
    public void Decide_UnknownNameUnderDomain_NotATunnel()
    {
        Assert.Equal(DirectTargetKind.Refused, Policy().Decide("nope.example.com", 80, Open, Tunnels).Kind);
        Assert.Equal(DirectTargetKind.Refused, Policy().Decide(".example.com", 80, Open, Tunnels).Kind);
    }

    [Fact]
    public void CheckResolved_ExplicitDecision_AllowsWhateverTheNameResolvesTo()
    {
        var policy = Policy("any", "db.internal:5432");
        var decision = policy.Decide("db.internal", 5432, Open, Tunnels);

        Assert.True(policy.CheckResolved(decision, IPAddress.Loopback).IsAllowed);
    }

    [Fact]
    public void CheckResolved_WildcardDecision_ChecksTheAddress()
    {
        var policy = Policy("any");
        var decision = policy.Decide("db.internal", 5432, Open, Tunnels);

        var loopback = policy.CheckResolved(decision, IPAddress.Parse("::ffff:127.0.0.1"));

        Assert.False(loopback.IsAllowed);
        Assert.Contains("db.internal resolves to 127.0.0.1:5432", loopback.Reason, StringComparison.Ordinal);
        Assert.True(policy.CheckResolved(decision, IPAddress.Parse("192.0.2.10")).IsAllowed);
    }

    [Fact]
    public void CheckResolved_RefusedDecision_Throws()
    {
        var refused = DirectTargetPolicy.TunnelsOnly.Decide("example.org", 80, Open, Tunnels);

        Assert.Throws<ArgumentException>(() => DirectTargetPolicy.TunnelsOnly.CheckResolved(refused, IPAddress.Loopback));
    }

    [Fact]
    public void Decide_NoPortForwarding_KeepsRequestedPort()
    {
        Assert.Equal(5432, Policy().Decide("mydb", 5432, new KeyPermissions { PortForwarding = false }, Tunnels).Port);
    }
}
