using System.Net;
using Warren.Ssh.Auth;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>
/// CAs trusted through an authorized_keys <c>cert-authority</c> line (principals=, from=,
/// expiry-time, options), and certificates only a hand-made blob can express.
/// </summary>
public sealed class CertificateAuthorityEntryTests
{
    private const string Ed25519Cert = "ssh-ed25519-cert-v01@openssh.com";
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private static readonly IHostKey Ca = KeyFile.Generate("ed25519");
    private static readonly IHostKey UserKey = KeyFile.Generate("ed25519");

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public void Check_PrincipalsOptionVersusCommaPrincipal_Denied()
    {
        // CVE-2026-35414: principals="a,b" lists a and b; a certificate principal "a,b" is neither.
        var cert = Hand(c => c.Principals = ["a,b"]);
        AssertDenied(Policy(Entry(principals: ["a", "b"])).Check("alice", Ed25519Cert, cert, Client, Now), "no principal");
    }

    [Fact]
    public void Check_UnsplitPrincipalsOptionVersusSeparatePrincipals_Denied()
    {
        var cert = Hand(c => c.Principals = ["a", "b"]);
        AssertDenied(Policy(Entry(principals: ["a,b"])).Check("alice", Ed25519Cert, cert, Client, Now), "no principal");
    }

    [Theory]
    [InlineData("b")]
    [InlineData("a")]
    public void Check_PrincipalsOptionSharingOnePrincipal_AllowedForAnyUser(string principal)
    {
        var cert = Hand(c => c.Principals = ["x", principal]);
        var decision = Policy(Entry(principals: ["a", "b"])).Check("somebody", Ed25519Cert, cert, Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.EndsWith("via authorized_keys:3", decision.Permissions!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EntryWithoutPrincipals_NeedsUserName()
    {
        var policy = Policy(Entry());
        Assert.True(policy.Check("alice", Ed25519Cert, Hand(c => c.Principals = ["alice"]), Client, Now).Allowed);
        AssertDenied(policy.Check("alice", Ed25519Cert, Hand(c => c.Principals = ["bob"]), Client, Now), "no principal");

        // sshd accepts an empty principal list here (a wildcard certificate); Warren does not.
        AssertDenied(policy.Check("alice", Ed25519Cert, Hand(c => c.Principals = []), Client, Now), "no principal");
    }

    [Fact]
    public void Check_EntryForAnotherKeyOrNotCertAuthority_NotTrusted()
    {
        var notCa = Entry() with { CertAuthority = false };
        AssertDenied(Policy(notCa).Check("alice", Ed25519Cert, Hand(), Client, Now), "not trusted");

        var otherKey = Entry() with { PublicKeyBlob = UserKey.PublicKeyBlob };
        AssertDenied(Policy(otherKey).Check("alice", Ed25519Cert, Hand(), Client, Now), "not trusted");
    }

    [Theory]
    [InlineData("192.0.2.0/24", true)]
    [InlineData("192.0.2.*", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("*,!192.0.2.10", false)]
    public void Check_EntryFromPatterns_MatchedAgainstClient(string from, bool allowed)
    {
        var decision = Policy(Entry(from: from.Split(','))).Check("alice", Ed25519Cert, Hand(), Client, Now);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Check_EntryFromWithIntegratorMatcher_UsesIt()
    {
        var calls = 0;
        var policy = new CertificatePolicy(TrustedUserCaKeys.None, _ => [Entry(from: ["office"])], fromMatcher: (patterns, address) =>
        {
            calls++;
            return patterns[0] == "office" && address.Equals(Client);
        });
        Assert.True(policy.Check("alice", Ed25519Cert, Hand(), Client, Now).Allowed);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Check_EntryExpired_Denied()
    {
        var decision = Policy(Entry() with { ExpiryTime = Now.AddMinutes(-1) }).Check("alice", Ed25519Cert, Hand(), Client, Now);
        AssertDenied(decision, "expired");
    }

    [Fact]
    public void Check_EntryRestrictions_IntersectedWithCertificate()
    {
        var restricted = Entry() with
        {
            Permissions = new KeyPermissions { PermitOpen = ["db:5432"], PermitListen = ["8080"], ForceCommand = "/bin/true" },
        };
        var decision = Policy(restricted).Check("alice", Ed25519Cert, Hand(), Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.True(decision.Permissions!.PortForwarding);
        Assert.Equal(["db:5432"], decision.Permissions.PermitOpen!);
        Assert.Equal(["8080"], decision.Permissions.PermitListen!);
        Assert.Equal("/bin/true", decision.Permissions.ForceCommand);

        var noForwarding = Entry() with { Permissions = new KeyPermissions { PortForwarding = false } };
        Assert.False(Policy(noForwarding).Check("alice", Ed25519Cert, Hand(), Client, Now).Permissions!.PortForwarding);
    }

    [Fact]
    public void Check_ForceCommandDifferentFromEntryCommand_Denied()
    {
        var entry = Entry() with { Permissions = new KeyPermissions { ForceCommand = "/bin/true" } };
        var cert = Hand(c => c.CriticalOptions = [("force-command", TestCertificate.StringData("/bin/false"))]);
        AssertDenied(Policy(entry).Check("alice", Ed25519Cert, cert, Client, Now), "force-command differs");
    }

    [Fact]
    public void Check_NoTouchRequired_OnlyWhenEntryAgrees()
    {
        var cert = Hand(c => c.Extensions = [("no-touch-required", []), ("permit-port-forwarding", [])]);
        Assert.True(Policy(Entry()).Check("alice", Ed25519Cert, cert, Client, Now).RequireUserPresence);
        Assert.False(Policy(Entry() with { NoTouchRequired = true }).Check("alice", Ed25519Cert, cert, Client, Now).RequireUserPresence);
        Assert.True(Policy(Entry() with { VerifyRequired = true }).Check("alice", Ed25519Cert, Hand(), Client, Now).RequireUserVerification);
    }

    [Fact]
    public void Check_CertificateTrustedByFileAndEntry_EitherPathSuffices()
    {
        // The entry's principals= does not match, but TrustedUserCAKeys with the user name does.
        var policy = new CertificatePolicy(new TrustedUserCaKeys([Ca.PublicKeyBlob]), _ => [Entry(principals: ["ops"])]);
        var decision = policy.Check("alice", Ed25519Cert, Hand(), Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.DoesNotContain("via", decision.Permissions!.Source, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadOptions() => new()
    {
        { "duplicate source-address", "duplicate critical option" },
        { "force-command trailing data", "force-command corrupt" },
        { "verify-required with data", "verify-required corrupt" },
        { "source-address wildcard", "source-address invalid" },
        { "source-address host bits", "source-address invalid" },
        { "source-address empty", "source-address invalid" },
        { "permit-port-forwarding with data", "corrupt (extra data)" },
        { "duplicate extension", "duplicate extension" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Check_CorruptOrDuplicateOptions_Denied(string what, string reason)
    {
        var cert = Hand(c =>
        {
            switch (what)
            {
                case "duplicate source-address":
                    c.CriticalOptions = [("source-address", TestCertificate.StringData("0.0.0.0/0")), ("source-address", TestCertificate.StringData("0.0.0.0/0"))];
                    break;
                case "force-command trailing data":
                    c.CriticalOptions = [("force-command", [.. TestCertificate.StringData("/bin/true"), 0])];
                    break;
                case "verify-required with data":
                    c.CriticalOptions = [("verify-required", [0])];
                    break;
                case "source-address wildcard":
                    c.CriticalOptions = [("source-address", TestCertificate.StringData("192.0.2.*"))];
                    break;
                case "source-address host bits":
                    c.CriticalOptions = [("source-address", TestCertificate.StringData("192.0.2.10/8"))];
                    break;
                case "source-address empty":
                    c.CriticalOptions = [("source-address", TestCertificate.StringData("192.0.2.10,"))];
                    break;
                case "permit-port-forwarding with data":
                    c.Extensions = [("permit-port-forwarding", [1])];
                    break;
                default:
                    c.Extensions = [("permit-port-forwarding", []), ("permit-port-forwarding", [])];
                    break;
            }
        });
        AssertDenied(Policy(Entry()).Check("alice", Ed25519Cert, cert, Client, Now), reason);
    }

    [Fact]
    public void Check_UnknownExtension_Ignored()
    {
        var cert = Hand(c => c.Extensions = [("permit-port-forwarding", []), ("whatever@example.com", [1, 2, 3])]);
        Assert.True(Policy(Entry()).Check("alice", Ed25519Cert, cert, Client, Now).Allowed);
    }

    [Fact]
    public void Check_KeyIdWithControlCharacters_ReasonIsOneLine()
    {
        var cert = Hand(c =>
        {
            c.KeyId = "evil\nFAKE LOG LINE";
            c.Principals = ["bob"];
        });
        var decision = Policy(Entry()).Check("alice", Ed25519Cert, cert, Client, Now);
        Assert.False(decision.Allowed);
        Assert.DoesNotContain('\n', decision.Reason);
    }

    [Fact]
    public void Check_RsaCaWithEitherSha2Algorithm_Allowed()
    {
        using var rsaCa = (IDisposable)KeyFile.Generate("rsa");
        var ca = (IHostKey)rsaCa;
        foreach (var algorithm in new[] { "rsa-sha2-256", "rsa-sha2-512" })
        {
            var cert = new TestCertificate { PublicKeyBlob = UserKey.PublicKeyBlob }.Build(ca, algorithm);
            var policy = new CertificatePolicy(new TrustedUserCaKeys([ca.PublicKeyBlob]));
            var decision = policy.Check("alice", Ed25519Cert, cert, Client, Now);
            Assert.True(decision.Allowed, decision.Reason);
        }
    }

    private static byte[] Hand(Action<TestCertificate>? change = null)
    {
        var cert = new TestCertificate { PublicKeyBlob = UserKey.PublicKeyBlob };
        change?.Invoke(cert);
        return cert.Build(Ca);
    }

    private static AuthorizedKeyEntry Entry(IReadOnlyList<string>? principals = null, IReadOnlyList<string>? from = null) =>
        new("ssh-ed25519", Ca.PublicKeyBlob, true, principals, from, null, KeyPermissions.Unrestricted, false, false, "authorized_keys:3");

    private static CertificatePolicy Policy(AuthorizedKeyEntry entry) =>
        new(TrustedUserCaKeys.None, user => [entry]);

    private static void AssertDenied(PublicKeyDecision decision, string reasonPart)
    {
        Assert.False(decision.Allowed);
        Assert.Contains(reasonPart, decision.Reason, StringComparison.Ordinal);
    }
}
