using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>The TLS edge re-reads --tls-cert and --tls-key when they change: a renewal needs no restart.</summary>
public sealed class TlsCertificateReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TlsCert_FilesReplaced_NewHandshakesGetTheNewCertificate()
    {
        using var files = new TempDirectory("warren-edge-reload-");
        var certFile = Path.Combine(files.Path, "relay.crt");
        var keyFile = Path.Combine(files.Path, "relay.key");
        using var first = EdgeCertificates.Create("first", "*.localhost");
        using var second = EdgeCertificates.Create("second", "*.localhost");
        EdgeCertificates.WritePem(first, certFile, keyFile);
        var tlsPort = FreePort.Get();
        using var warren = await WarrenProcess.StartAsync(
            ["--anonymous", "--tls-listen", "127.0.0.1:" + tlsPort.ToString(CultureInfo.InvariantCulture), "--tls-cert", certFile, "--tls-key", keyFile]);
        await WaitFor.PortOpenAsync("127.0.0.1", tlsPort, Timeout);
        Assert.Equal(first.GetCertHashString(), await HandshakeAsync(tlsPort));

        EdgeCertificates.WritePem(second, certFile, keyFile);

        await WaitFor.ConditionAsync(
            async _ => await HandshakeAsync(tlsPort) == second.GetCertHashString(),
            Timeout,
            "the edge to present the replaced certificate");
    }

    private static async Task<string?> HandshakeAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeout);
        X509Certificate? seen = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = certificate;

            // Only the presented certificate matters here; the handshake is ended either way.
            return certificate is not null;
        });
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "any.localhost" }).WaitAsync(Timeout);
        }
        catch (System.Security.Authentication.AuthenticationException)
        {
            // The certificate was seen before the callback's answer; nothing else is needed.
        }

        return seen?.GetCertHashString();
    }
}
