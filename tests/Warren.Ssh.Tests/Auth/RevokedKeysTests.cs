using Warren.Ssh.Auth;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>The RevokedKeys text file: key lines, SHA256 fingerprints, malformed lines, reloads.</summary>
public sealed class RevokedKeysTests : IClassFixture<CertificateFixture>
{
    private readonly CertificateFixture _f;

    public RevokedKeysTests(CertificateFixture fixture)
    {
        _f = fixture;
    }

    [Fact]
    public void IsRevoked_KeyLinesAndFingerprints_MatchOnlyThoseKeys()
    {
        var ecdsaFingerprint = KeyFile.Fingerprint(CertificateFixture.PublicBlob(_f.UserEcdsa));
        var path = _f.WriteFile("revoked", $"""
            # revoked 2026-11-25
            {CertificateFixture.PublicLine(_f.UserRsa)}

            {ecdsaFingerprint} laptop stolen
            """);
        var revoked = new RevokedKeys(path);

        Assert.Equal(2, revoked.Count);
        Assert.True(revoked.IsRevoked(CertificateFixture.PublicBlob(_f.UserRsa)));
        Assert.True(revoked.IsRevoked(CertificateFixture.PublicBlob(_f.UserEcdsa)));
        Assert.False(revoked.IsRevoked(CertificateFixture.PublicBlob(_f.UserEd25519)));
        Assert.False(revoked.IsRevoked([]));
    }

    [Fact]
    public void IsRevoked_CertificateLine_RevokesTheCertifiedKey()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var path = _f.WriteFile("revoked", $"ssh-ed25519-cert-v01@openssh.com {Convert.ToBase64String(cert)} old cert\n");
        Assert.True(new RevokedKeys(path).IsRevoked(CertificateFixture.PublicBlob(_f.UserEd25519)));
    }

    [Fact]
    public void Constructor_MalformedLines_ReportedWithFileAndLineAndSkipped()
    {
        var warnings = new List<string>();
        var path = _f.WriteFile("revoked", $"""
            ssh-ed25519 !!!notbase64
            SHA256:tooShort
            ssh-rsa {Convert.ToBase64String(CertificateFixture.PublicBlob(_f.UserEd25519))}
            justoneword
            {CertificateFixture.PublicLine(_f.UserRsa)}
            """);
        var revoked = new RevokedKeys(path, warning: warnings.Add);

        Assert.Equal(1, revoked.Count);
        Assert.Equal(4, warnings.Count);
        Assert.StartsWith($"{path}:1:", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:2:", warnings[1], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:3:", warnings[2], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4:", warnings[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingFile_ThrowsWithPath()
    {
        var path = Path.Combine(_f.Directory, "no-such-revoked-keys");
        var ex = Assert.Throws<FileNotFoundException>(() => new RevokedKeys(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BinaryKrl_ThrowsNotSupported()
    {
        var path = _f.WriteFile("krl", string.Empty);
        File.WriteAllBytes(path, [.. "SSHKRL\n"u8, 0, 0, 0, 1]);
        Assert.Throws<NotSupportedException>(() => new RevokedKeys(path));
    }

    [Fact]
    public void IsRevoked_FileChanged_ReloadedAfterOneSecondOnly()
    {
        var time = new ManualTimeProvider();
        var path = _f.WriteFile("revoked", "# nothing yet\n");
        var revoked = new RevokedKeys(path, time);
        var rsa = CertificateFixture.PublicBlob(_f.UserRsa);
        Assert.False(revoked.IsRevoked(rsa));

        File.WriteAllText(path, CertificateFixture.PublicLine(_f.UserRsa) + "\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(revoked.IsRevoked(rsa));

        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(revoked.IsRevoked(rsa));
        Assert.Equal(1, revoked.Count);
    }

    [Fact]
    public void IsRevoked_FileDeletedAfterStart_EveryKeyRefusedUntilItReturns()
    {
        var time = new ManualTimeProvider();
        var warnings = new List<string>();
        var path = _f.WriteFile("revoked", "# empty\n");
        var revoked = new RevokedKeys(path, time, warnings.Add);
        var ed = CertificateFixture.PublicBlob(_f.UserEd25519);

        File.Delete(path);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(revoked.IsRevoked(ed));
        Assert.Single(warnings);

        File.WriteAllText(path, "# back\n");
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(revoked.IsRevoked(ed));
    }

    [Fact]
    public void IsRevoked_ManyThreads_NoExceptions()
    {
        var time = new ManualTimeProvider();
        var path = _f.WriteFile("revoked", CertificateFixture.PublicLine(_f.UserRsa) + "\n");
        var revoked = new RevokedKeys(path, time);
        var rsa = CertificateFixture.PublicBlob(_f.UserRsa);
        Parallel.For(0, 2000, i =>
        {
            if (i % 100 == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            Assert.True(revoked.IsRevoked(rsa));
        });
    }
}
