using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Warren.Server.Configuration;
using Warren.Server.Hosting;

namespace Warren.Server.Tests.Hosting;

/// <summary>Relay-link TLS from the serve options: off, loaded, or refused with the fix.</summary>
public sealed class RelayLinkTlsSetupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NoFlags_PlainLinks()
    {
        Assert.Null(RelayLinkTlsSetup.Load(new ServeOptions()));
    }

    [Fact]
    public void Load_CertAndKey_PinnedToTheCertificate()
    {
        var (cert, key) = WritePair("warren-cluster");

        using var tls = RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsCert = cert, RelayTlsKey = key });

        Assert.NotNull(tls);
        Assert.Equal("CN=warren-cluster", tls.Subject);
        Assert.False(tls.UsesAuthorities);
    }

    [Fact]
    public void Load_WithCaBundle_ChecksPeersAgainstIt()
    {
        var (cert, key) = WritePair("node-1");

        using var tls = RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsCert = cert, RelayTlsKey = key, RelayTlsCa = cert });

        Assert.NotNull(tls);
        Assert.True(tls.UsesAuthorities);
    }

    [Fact]
    public void Load_KeyWithoutCert_RefusedSayingToGiveBoth()
    {
        var (_, key) = WritePair("half");

        var error = Assert.Throws<OptionsException>(() => RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsKey = key }));

        Assert.Contains("--relay-tls-cert and --relay-tls-key go together: give both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CaWithoutCert_RefusedSayingWhatElseToGive()
    {
        var (cert, _) = WritePair("ca");

        var error = Assert.Throws<OptionsException>(() => RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsCa = cert }));

        Assert.Contains("--relay-tls-ca needs --relay-tls-cert and --relay-tls-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_RefusedNamingTheFiles()
    {
        var (cert, _) = WritePair("one");
        var (_, otherKey) = WritePair("two");

        var error = Assert.Throws<OptionsException>(() => RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsCert = cert, RelayTlsKey = otherKey }));

        Assert.Contains($"--relay-tls-cert {cert} / --relay-tls-key {otherKey}", error.Message, StringComparison.Ordinal);
        Assert.Contains("give a PEM certificate and its PEM private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CaFileWithoutCertificates_RefusedNamingIt()
    {
        var (cert, key) = WritePair("node");
        var ca = _dir.Write("ca.crt", "no certificates here\n");

        var error = Assert.Throws<OptionsException>(() => RelayLinkTlsSetup.Load(new ServeOptions { RelayTlsCert = cert, RelayTlsKey = key, RelayTlsCa = ca }));

        Assert.Contains($"--relay-tls-ca {ca}", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    private (string Cert, string Key) WritePair(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (_dir.Write(name + ".crt", certificate.ExportCertificatePem()), _dir.Write(name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }
}
