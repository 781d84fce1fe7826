using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// The TLS edge: TLS that ends at the relay (self-signed *.localhost made in the test, HTTP/2 by
/// ALPN) for HTTP tunnels, and SNI passthrough for TLS tunnels (<c>ssh -R name:443:...</c>),
/// where the visitor sees the service's own certificate.
/// </summary>
public sealed class TlsEdgeTests(EdgeWarrenFixture relay) : IClassFixture<EdgeWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Https_HttpTunnel_TerminatedWithRelayCertificateOverHttp2()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, relay.SshPort, [$"{name}:80:127.0.0.1:{relay.BackendPort}"]);
        using var visitor = new EdgeVisitor(relay.TlsPort, relay.RelayCertificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{name}.localhost:{relay.TlsPort}/headers")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await visitor.Client.SendAsync(request).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("X-Forwarded-Proto: https\n", text, StringComparison.Ordinal);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security");
        Assert.StartsWith("max-age=", hsts.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_SniOfTlsTunnel_PassesThroughToServiceCertificate()
    {
        var name = HttpEdgeTests.UniqueName();
        using var serviceCertificate = EdgeCertificates.Create("the service itself", $"{name}.localhost");
        using var service = new TlsBackend(serviceCertificate, "hello over passthrough");
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, relay.SshPort, [$"{name}:443:127.0.0.1:{service.Port}"]);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, relay.TlsPort).WaitAsync(Timeout);
        X509Certificate? seen = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = certificate;
            return certificate?.GetCertHashString() == serviceCertificate.GetCertHashString();
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = $"{name}.localhost" }).WaitAsync(Timeout);
        using var reader = new StreamReader(tls);
        var line = await reader.ReadLineAsync().WaitAsync(Timeout);

        Assert.Equal("hello over passthrough", line);
        Assert.Equal(serviceCertificate.GetCertHashString(), seen?.GetCertHashString());
    }

    [Fact]
    public async Task OpenSslClient_SniOfTlsTunnel_SeesServiceCertificate()
    {
        var name = HttpEdgeTests.UniqueName();
        using var serviceCertificate = EdgeCertificates.Create("openssl-sees-the-service", $"{name}.localhost");
        using var service = new TlsBackend(serviceCertificate, "hi");
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, relay.SshPort, [$"{name}:443:127.0.0.1:{service.Port}"]);

        var result = await ProcessRunner.RunAsync(
            "openssl",
            ["s_client", "-connect", "127.0.0.1:" + relay.TlsPort.ToString(CultureInfo.InvariantCulture), "-servername", $"{name}.localhost"],
            Timeout);

        Assert.Contains("openssl-sees-the-service", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_UnknownSniWithoutCertificate_ConnectionClosed()
    {
        var tlsPort = FreePort.Get();
        using var warren = await WarrenProcess.StartAsync(["--anonymous", "--tls-listen", "127.0.0.1:" + tlsPort.ToString(CultureInfo.InvariantCulture)]);
        await WaitFor.PortOpenAsync("127.0.0.1", tlsPort, Timeout);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, tlsPort).WaitAsync(Timeout);
        await using var tls = new SslStream(tcp.GetStream());

        await Assert.ThrowsAnyAsync<IOException>(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "nothing.localhost" }).WaitAsync(Timeout));
        await WaitFor.ConditionAsync(() => warren.Output.ToString().Contains("no --tls-cert is configured", StringComparison.Ordinal), Timeout, "the refusal in the log");
    }
}
