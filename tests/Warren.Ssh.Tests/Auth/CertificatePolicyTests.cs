using System.Net;
using Warren.Ssh.Auth;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>sshd's user certificate checks (PROTOCOL-NOTES §2.10) with certificates made by the real ssh-keygen.</summary>
public sealed class CertificatePolicyTests : IClassFixture<CertificateFixture>
{
    private const string Ed25519Cert = "ssh-ed25519-cert-v01@openssh.com";
    private const string RsaSha512Cert = "rsa-sha2-512-cert-v01@openssh.com";
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    private readonly CertificateFixture _f;

    public CertificatePolicyTests(CertificateFixture fixture)
    {
        _f = fixture;
    }

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public static TheoryData<string, string, string> KeysAndCas() => new()
    {
        { "ed25519", "ed25519", Ed25519Cert },
        { "ecdsa", "ed25519", "ecdsa-sha2-nistp384-cert-v01@openssh.com" },
        { "rsa", "rsa", RsaSha512Cert },
        { "rsa", "ed25519", "rsa-sha2-256-cert-v01@openssh.com" },
        { "ed25519", "rsa", Ed25519Cert },
    };

    [Theory]
    [MemberData(nameof(KeysAndCas))]
    public void Check_RightPrincipal_Allowed(string userKey, string caKey, string algorithm)
    {
        var ca = caKey == "rsa" ? _f.CaRsa : _f.CaEd25519;
        var cert = _f.Certify(User(userKey), ca, "alice,bob", "+1h", "-z", "42");

        var decision = TrustingFile(ca).Check("alice", algorithm, cert, Client, Now);

        Assert.True(decision.Allowed, decision.Reason);
        Assert.True(decision.Permissions!.PortForwarding);
        Assert.Null(decision.Permissions.ForceCommand);
        Assert.StartsWith($"certificate test-id serial 42 CA {KeyFile.Fingerprint(CertificateFixture.PublicBlob(ca))}", decision.Permissions.Source, StringComparison.Ordinal);
        Assert.True(decision.RequireUserPresence);
        Assert.False(decision.RequireUserVerification);
    }

    [Fact]
    public void Check_Expired_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "20200101:20200102");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "expired");
    }

    [Fact]
    public void Check_NotYetValid_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1d:+2d");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "not yet valid");
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(-90, false)]
    [InlineData(86400 + 30, true)]
    [InlineData(86400 + 90, false)]
    public void Check_AtValidityEdgeWithOneMinuteSkew_AllowedOnlyWithinSkew(int secondsFromStart, bool allowed)
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "20300101000000Z:20300102000000Z");
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var decision = TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, start.AddSeconds(secondsFromStart));
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(86399, true)]
    [InlineData(86400, false)]
    public void Check_AtValidityEdgeWithoutSkew_AfterInclusiveBeforeExclusive(int secondsFromStart, bool allowed)
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "20300101000000Z:20300102000000Z");
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var policy = new CertificatePolicy(Trusted(_f.CaEd25519), clockSkew: TimeSpan.Zero);
        Assert.Equal(allowed, policy.Check("alice", Ed25519Cert, cert, Client, start.AddSeconds(secondsFromStart)).Allowed);
    }

    [Fact]
    public void Check_WrongPrincipal_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "bob,alice2,ALICE");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "no principal");
    }

    [Fact]
    public void Check_EmptyPrincipalsWithTrustedUserCaKeys_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, string.Empty);
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "no principal");
    }

    [Fact]
    public void Check_UntrustedCa_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.OtherCa, "alice");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "not trusted");
    }

    [Fact]
    public void Check_NoCaConfigured_DeniedCleanly()
    {
        // CVE-2026-39835: a certificate with no CA configured is a plain refusal, not a crash.
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var policy = new CertificatePolicy(TrustedUserCaKeys.None);
        AssertDenied(policy.Check("alice", Ed25519Cert, cert, Client, Now), "no certificate authority");

        var withEmptyStore = new CertificatePolicy(TrustedUserCaKeys.None, _ => []);
        AssertDenied(withEmptyStore.Check("alice", Ed25519Cert, cert, Client, Now), "not trusted");
    }

    [Fact]
    public void Check_HostCertificate_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-h");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "not a user certificate");
    }

    [Theory]
    [InlineData("10.0.0.0/8,2001:db8::/32", "192.0.2.10", false)]
    [InlineData("10.0.0.0/8,192.0.2.0/24", "192.0.2.10", true)]
    [InlineData("192.0.2.10", "192.0.2.10", true)]
    [InlineData("192.0.2.10", "::ffff:192.0.2.10", true)]
    [InlineData("192.0.2.11", "192.0.2.10", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    public void Check_SourceAddress_EnforcedAgainstClientAddress(string sourceAddress, string client, bool allowed)
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-O", "source-address=" + sourceAddress);
        var decision = TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, IPAddress.Parse(client), Now);
        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Contains("source-address", decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_UnknownCriticalOption_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-O", "critical:foo@example.com=bar");
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now), "unknown critical option foo@example.com");
    }

    [Fact]
    public void Check_RevokedCaKey_Denied()
    {
        var revoked = new RevokedKeys(_f.WriteFile("revoked", "# CA compromised\n" + CertificateFixture.PublicLine(_f.CaEd25519) + "\n"));
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var policy = new CertificatePolicy(Trusted(_f.CaEd25519), revokedKeys: revoked);
        AssertDenied(policy.Check("alice", Ed25519Cert, cert, Client, Now), "CA key revoked");
    }

    [Fact]
    public void Check_RevokedUserKeyByLine_Denied()
    {
        var revoked = new RevokedKeys(_f.WriteFile("revoked", CertificateFixture.PublicLine(_f.UserRsa) + "\n"));
        var cert = _f.Certify(_f.UserRsa, _f.CaEd25519, "alice");
        var policy = new CertificatePolicy(Trusted(_f.CaEd25519), revokedKeys: revoked);
        AssertDenied(policy.Check("alice", RsaSha512Cert, cert, Client, Now), "revoked");
    }

    [Fact]
    public void Check_RevokedUserKeyByFingerprint_Denied()
    {
        var fingerprint = KeyFile.Fingerprint(CertificateFixture.PublicBlob(_f.UserEd25519));
        var revoked = new RevokedKeys(_f.WriteFile("revoked", "\n  " + fingerprint + "  lost laptop\n"));
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var policy = new CertificatePolicy(Trusted(_f.CaEd25519), revokedKeys: revoked);
        AssertDenied(policy.Check("alice", Ed25519Cert, cert, Client, Now), "revoked");

        var other = _f.Certify(_f.UserEcdsa, _f.CaEd25519, "alice");
        Assert.True(policy.Check("alice", "ecdsa-sha2-nistp384-cert-v01@openssh.com", other, Client, Now).Allowed);
    }

    [Theory]
    [InlineData("no-port-forwarding")]
    [InlineData("clear")]
    public void Check_WithoutPermitPortForwarding_AllowedWithoutForwarding(string option)
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-O", option);
        var decision = TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.False(decision.Permissions!.PortForwarding);
    }

    [Fact]
    public void Check_ForceCommand_Carried()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-O", "force-command=/usr/bin/false now");
        var decision = TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal("/usr/bin/false now", decision.Permissions!.ForceCommand);
    }

    [Fact]
    public void Check_NoTouchRequiredAndVerifyRequired_SetTheDecision()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice", "+1h", "-O", "no-touch-required", "-O", "verify-required");
        var decision = TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, cert, Client, Now);
        Assert.True(decision.Allowed, decision.Reason);
        Assert.False(decision.RequireUserPresence);
        Assert.True(decision.RequireUserVerification);
    }

    [Theory]
    [InlineData(Ed25519Cert, "ecdsa-sha2-nistp256-cert-v01@openssh.com")]
    [InlineData(Ed25519Cert, "ssh-ed25519")]
    [InlineData(Ed25519Cert, "sk-ssh-ed25519-cert-v01@openssh.com")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256-cert-v01@openssh.com")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp521-cert-v01@openssh.com")]
    [InlineData("rsa", "ssh-rsa-cert-v01@openssh.com")]
    [InlineData("rsa", Ed25519Cert)]
    public void Check_AlgorithmNotMatchingCertificateType_Denied(string userKey, string algorithm)
    {
        // CVE-2026-35387: the algorithm must name exactly the blob's type (and the nistp curve).
        var cert = _f.Certify(User(userKey == Ed25519Cert ? "ed25519" : userKey), _f.CaEd25519, "alice");
        Assert.False(TrustingFile(_f.CaEd25519).Check("alice", algorithm, cert, Client, Now).Allowed);
    }

    [Fact]
    public void Check_CaSignedWithSha1_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaRsa, "alice", "+1h", "-t", "ssh-rsa");
        AssertDenied(TrustingFile(_f.CaRsa).Check("alice", Ed25519Cert, cert, Client, Now), "ssh-rsa not allowed");
    }

    [Fact]
    public void Check_TamperedCertificate_Denied()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var reader = OpenSshCertificate.TryParse(cert, out var parsed) ? parsed! : throw new InvalidOperationException();
        var tampered = (byte[])cert.Clone();

        // Flip a bit of the serial (right after the 32-byte nonce and key fields): still well formed, signature broken.
        tampered[4 + Ed25519Cert.Length + 4 + reader.Nonce.Length + 4 + 32 + 7] ^= 1;
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, tampered, Client, Now), "CA signature invalid");
    }

    [Fact]
    public void Check_MalformedBlob_Denied()
    {
        AssertDenied(TrustingFile(_f.CaEd25519).Check("alice", Ed25519Cert, [0, 0, 0, 1, 0x41], Client, Now), "malformed");
    }

    private static void AssertDenied(PublicKeyDecision decision, string reasonPart)
    {
        Assert.False(decision.Allowed);
        Assert.Null(decision.Permissions);
        Assert.Contains(reasonPart, decision.Reason, StringComparison.Ordinal);
    }

    private string User(string name) => name switch
    {
        "ed25519" => _f.UserEd25519,
        "ecdsa" => _f.UserEcdsa,
        _ => _f.UserRsa,
    };

    private static TrustedUserCaKeys Trusted(string ca) => new([CertificateFixture.PublicBlob(ca)]);

    private static CertificatePolicy TrustingFile(string ca) => new(Trusted(ca));
}
