using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary><c>warren serve</c> refuses relay-TLS flags it cannot use at start, with the fix (exit 2).</summary>
public sealed class RelayTlsStartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CertWithoutKey_Serve_RefusedSayingToGiveBoth()
    {
        using var certificates = new RelayCertificates();
        var flags = certificates.SelfSigned("lonely");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WarrenProcess.StartAsync(flags.Take(2), startTimeout: StartTimeout));

        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("--relay-tls-cert and --relay-tls-key go together: give both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableCertificateFile_Serve_RefusedNamingTheFileAndHowToMakeOne()
    {
        using var dir = new TempDirectory("warren-relay-tls-");
        var cert = dir.Combine("relay.crt");
        var key = dir.Combine("relay.key");
        File.WriteAllText(cert, "not a certificate\n");
        File.WriteAllText(key, "not a key\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WarrenProcess.StartAsync(["--relay-tls-cert", cert, "--relay-tls-key", key], startTimeout: StartTimeout));

        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--relay-tls-cert {cert}", error.Message, StringComparison.Ordinal);
        Assert.Contains("give a PEM certificate and its PEM private key", error.Message, StringComparison.Ordinal);
    }
}
