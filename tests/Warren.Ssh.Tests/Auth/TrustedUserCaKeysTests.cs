using Warren.Ssh.Auth;

namespace Warren.Ssh.Tests.Auth;

/// <summary>Loading the TrustedUserCAKeys file.</summary>
public sealed class TrustedUserCaKeysTests : IClassFixture<CertificateFixture>
{
    private readonly CertificateFixture _f;

    public TrustedUserCaKeysTests(CertificateFixture fixture)
    {
        _f = fixture;
    }

    [Fact]
    public void Load_KeyLinesCommentsAndBlanks_TrustsTheKeys()
    {
        var warnings = new List<string>();
        var path = _f.WriteFile("ca.pub", $"""
            # user CAs

            {CertificateFixture.PublicLine(_f.CaEd25519)}
            	{CertificateFixture.PublicLine(_f.CaRsa)}
            not a key
            """);
        var keys = TrustedUserCaKeys.Load(path, warnings.Add);

        Assert.Equal(2, keys.Count);
        Assert.True(keys.Contains(CertificateFixture.PublicBlob(_f.CaEd25519)));
        Assert.True(keys.Contains(CertificateFixture.PublicBlob(_f.CaRsa)));
        Assert.False(keys.Contains(CertificateFixture.PublicBlob(_f.OtherCa)));
        Assert.StartsWith($"{path}:5:", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(2, keys.Fingerprints().Count());
    }

    [Fact]
    public void Load_CertificateAsCa_Skipped()
    {
        var cert = _f.Certify(_f.UserEd25519, _f.CaEd25519, "alice");
        var warnings = new List<string>();
        var path = _f.WriteFile("ca.pub", $"ssh-ed25519-cert-v01@openssh.com {Convert.ToBase64String(cert)}\n");
        Assert.Equal(0, TrustedUserCaKeys.Load(path, warnings.Add).Count);
        Assert.Single(warnings);
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithPath()
    {
        var path = Path.Combine(_f.Directory, "missing-ca.pub");
        var ex = Assert.Throws<FileNotFoundException>(() => TrustedUserCaKeys.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedBlob_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TrustedUserCaKeys([[0, 0, 0, 3, 1, 2, 3]]));
    }
}
