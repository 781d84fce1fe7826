using System.Net;
using Warren.Ssh.Auth;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

public sealed class AuthorizedKeysPolicyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Client = IPAddress.Parse("10.1.2.3");

    private readonly string _root = Directory.CreateTempSubdirectory("warren-akeys-policy-").FullName;
    private readonly List<string> _reports = [];

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa384", "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa521", "ecdsa-sha2-nistp521")]
    [InlineData("rsa", "rsa-sha2-256")]
    [InlineData("rsa", "rsa-sha2-512")]
    public void Check_AuthorizedKey_Allowed(string name, string algorithm)
    {
        var policy = PolicyFor(TestKeys.Line(name));

        var decision = policy.Check("alice", algorithm, TestKeys.Blob(name), Client, Now);

        Assert.True(decision.Allowed, decision.Reason);
        Assert.NotNull(decision.Permissions);
        Assert.True(decision.Permissions.PortForwarding);
        Assert.EndsWith("authorized_keys:1", decision.Permissions.Source, StringComparison.Ordinal);
        Assert.True(decision.RequireUserPresence);
        Assert.False(decision.RequireUserVerification);
    }

    [Fact]
    public void Check_StrangersKey_Denied()
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        var decision = policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519b"), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Null(decision.Permissions);
    }

    [Fact]
    public void Check_DirectoryModeOtherUsersKey_Denied()
    {
        File.WriteAllText(Path.Combine(_root, "alice"), TestKeys.Line("ed25519"));
        File.WriteAllText(Path.Combine(_root, "bob"), TestKeys.Line("ed25519b"));
        var policy = new AuthorizedKeysPolicy(new AuthorizedKeysStore(_root, _reports.Add));

        Assert.True(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519b"), Client, Now).Allowed);
        Assert.False(policy.Check("carol", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
        Assert.False(policy.Check("../alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
    }

    [Fact]
    public void Check_FromElsewhere_Denied()
    {
        var policy = PolicyFor("from=\"192.168.0.0/16\" " + TestKeys.Line("ed25519"));

        var decision = policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Contains("from=", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FromMatchingMappedAddress_Allowed()
    {
        var policy = PolicyFor("from=\"10.0.0.0/8,!10.9.9.9\" " + TestKeys.Line("ed25519"));

        Assert.True(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), IPAddress.Parse("::ffff:10.1.2.3"), Now).Allowed);
        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), IPAddress.Parse("10.9.9.9"), Now).Allowed);
    }

    [Fact]
    public void Check_ExpiryInThePast_Denied()
    {
        var policy = PolicyFor("expiry-time=\"20300101Z\" " + TestKeys.Line("ed25519"));

        var decision = policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Contains("expired", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExpiryAtOrAfterNow_DeniedAtTheInstantAllowedBefore()
    {
        var policy = PolicyFor("expiry-time=\"203006011200Z\" " + TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
        Assert.True(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now.AddTicks(-1)).Allowed);
    }

    [Fact]
    public void Check_FirstLineRefusesSecondAllows_SecondLineGrants()
    {
        var policy = PolicyFor(
            "from=\"192.168.*\" " + TestKeys.Line("ed25519") + "\n"
            + "restrict " + TestKeys.Line("ed25519"));

        var decision = policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now);

        Assert.True(decision.Allowed);
        Assert.False(decision.Permissions!.PortForwarding);
        Assert.EndsWith("authorized_keys:2", decision.Permissions.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-rsa")]
    [InlineData("rsa-sha2-512")]
    [InlineData("ecdsa-sha2-nistp256")]
    public void Check_AlgorithmNotFittingEd25519Blob_Denied(string algorithm)
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", algorithm, TestKeys.Blob("ed25519"), Client, Now).Allowed);
    }

    [Theory]
    [InlineData("ssh-dss")]
    [InlineData("")]
    [InlineData("SSH-ED25519")]
    public void Check_UnknownAlgorithm_Denied(string algorithm)
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", algorithm, TestKeys.Blob("ed25519"), Client, Now).Allowed);
    }

    [Fact]
    public void Check_RsaKeyWithSha1Algorithm_Denied()
    {
        var policy = PolicyFor(TestKeys.Line("rsa"));

        var decision = policy.Check("alice", "ssh-rsa", TestKeys.Blob("rsa"), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Contains("unsupported algorithm", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp521")]
    [InlineData("ecdsa384", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa521", "ecdsa-sha2-nistp384")]
    public void Check_EcdsaAlgorithmForOtherCurve_Denied(string name, string algorithm)
    {
        // CVE-2026-35387: one allowed ECDSA algorithm must not open the door for the others.
        var policy = PolicyFor(TestKeys.Line("ecdsa256") + "\n" + TestKeys.Line("ecdsa384") + "\n" + TestKeys.Line("ecdsa521"));

        var decision = policy.Check("alice", algorithm, TestKeys.Blob(name), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Contains("does not fit", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-ed25519-cert-v01@openssh.com")]
    [InlineData("rsa-sha2-512-cert-v01@openssh.com")]
    [InlineData("ecdsa-sha2-nistp256-cert-v01@openssh.com")]
    public void Check_CertificateAlgorithm_DeniedWithCertificateReason(string algorithm)
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        var decision = policy.Check("alice", algorithm, TestKeys.Blob("ed25519"), Client, Now);

        Assert.False(decision.Allowed);
        Assert.Equal(AuthorizedKeysPolicy.CertificateReason, decision.Reason);
    }

    [Fact]
    public void Check_CertAuthorityKeyUsedAsPlainKey_Denied()
    {
        var policy = PolicyFor("cert-authority " + TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
    }

    [Fact]
    public void Check_OptionsReachPermissions()
    {
        var policy = PolicyFor(
            "restrict,permitopen=\"db:5432\",permitopen=\"[::1]:6379\",permitlisten=\"8080\",permitlisten=\"myapp\",command=\"true\" "
            + TestKeys.Line("ed25519") + "\n"
            + "no-port-forwarding " + TestKeys.Line("rsa"));

        var restricted = policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now);
        var noForwarding = policy.Check("alice", "rsa-sha2-512", TestKeys.Blob("rsa"), Client, Now);

        Assert.True(restricted.Allowed);
        Assert.False(restricted.Permissions!.PortForwarding);
        Assert.Equal(["db:5432", "[::1]:6379"], restricted.Permissions.PermitOpen!);
        Assert.Equal(["8080", "myapp"], restricted.Permissions.PermitListen!);
        Assert.Equal("true", restricted.Permissions.ForceCommand);
        Assert.True(noForwarding.Allowed);
        Assert.False(noForwarding.Permissions!.PortForwarding);
        Assert.Null(noForwarding.Permissions.PermitOpen);
        Assert.EndsWith("authorized_keys:2", noForwarding.Permissions.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SecurityKeyOptions_SetPresenceAndVerification()
    {
        var ed = Convert.ToBase64String(TestKeys.SkEd25519Blob());
        var ec = Convert.ToBase64String(TestKeys.SkEcdsaBlob());
        var policy = PolicyFor(
            "sk-ssh-ed25519@openssh.com " + ed + "\n"
            + "no-touch-required,verify-required sk-ecdsa-sha2-nistp256@openssh.com " + ec);

        var plain = policy.Check("alice", "sk-ssh-ed25519@openssh.com", TestKeys.SkEd25519Blob(), Client, Now);
        var relaxed = policy.Check("alice", "sk-ecdsa-sha2-nistp256@openssh.com", TestKeys.SkEcdsaBlob(), Client, Now);

        Assert.True(plain.Allowed);
        Assert.True(plain.RequireUserPresence);
        Assert.False(plain.RequireUserVerification);
        Assert.True(relaxed.Allowed);
        Assert.False(relaxed.RequireUserPresence);
        Assert.True(relaxed.RequireUserVerification);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 1, 2 })]
    [InlineData(new byte[] { 0, 0, 0, 11, (byte)'s', (byte)'s', (byte)'h' })]
    public void Check_MalformedBlob_DeniedWithoutThrowing(byte[] blob)
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", "ssh-ed25519", blob, Client, Now).Allowed);
    }

    [Fact]
    public void Check_TruncatedAuthorizedBlob_Denied()
    {
        var policy = PolicyFor(TestKeys.Line("ed25519"));

        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519").AsSpan(0, 50), Client, Now).Allowed);
    }

    [Fact]
    public void CertificateAuthoritiesFor_ReturnsOnlyCertAuthorityEntries()
    {
        var policy = PolicyFor(
            TestKeys.Line("ed25519") + "\n"
            + "cert-authority,principals=\"alice\",from=\"10.0.0.0/8\" " + TestKeys.Line("ecdsa256") + "\n"
            + "cert-authority,expiry-time=\"20200101Z\" " + TestKeys.Line("ed25519b"));

        var authorities = policy.CertificateAuthoritiesFor("alice");

        Assert.Equal(2, authorities.Count);
        Assert.All(authorities, a => Assert.True(a.CertAuthority));
        Assert.Equal(["alice"], authorities[0].Principals!);
        Assert.Equal(TestKeys.Blob("ed25519b"), authorities[1].PublicKeyBlob);
    }

    [Fact]
    public void Check_FileEdited_NewKeyAllowedOldKeyDenied()
    {
        var file = Path.Combine(_root, "authorized_keys");
        File.WriteAllText(file, TestKeys.Line("ed25519"));
        var policy = new AuthorizedKeysPolicy(new AuthorizedKeysStore(file, _reports.Add, recheckInterval: TimeSpan.Zero));
        Assert.True(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);

        File.WriteAllText(file, TestKeys.Line("ed25519b"));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Assert.False(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519"), Client, Now).Allowed);
        Assert.True(policy.Check("alice", "ssh-ed25519", TestKeys.Blob("ed25519b"), Client, Now).Allowed);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private AuthorizedKeysPolicy PolicyFor(string text)
    {
        var file = Path.Combine(_root, "authorized_keys");
        File.WriteAllText(file, text);
        var policy = new AuthorizedKeysPolicy(new AuthorizedKeysStore(file, _reports.Add, localZone: TimeZoneInfo.Utc));
        Assert.Empty(_reports);
        return policy;
    }
}
