using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// Per-tunnel options given as the session's command (<c>ssh -R name:80:... relay auth=a:b ...</c>)
/// applied by the edge: the real OpenSSH client publishes, HttpClient and raw sockets visit.
/// </summary>
public sealed class EdgeTunnelOptionsTests(EdgeWarrenFixture relay) : IClassFixture<EdgeWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Auth_WithoutAndWithCredentials_401Then200()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishHttpAsync(client, name, "auth=alice:s3cret");
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var without = await visitor.Client.GetAsync(Url(name, "/hello?token=a")).WaitAsync(Timeout);
        using var wrong = await SendWithAuthAsync(visitor, name, "alice:wrong");
        using var right = await SendWithAuthAsync(visitor, name, "alice:s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.StartsWith("Basic", without.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal($"hello {name}.localhost:{relay.HttpPort} a", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Allow_VisitorFromOtherAddress_403AndListedAddress200()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishHttpAsync(client, name, "allow=127.0.0.1/32");
        using var listed = new EdgeVisitor(relay.HttpPort);
        using var other = VisitorFrom(IPAddress.Parse("127.0.0.2"), relay.HttpPort);

        using var allowed = await listed.Client.GetAsync(Url(name, "/hello?token=b")).WaitAsync(Timeout);
        using var refused = await other.GetAsync(Url(name, "/hello?token=b")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ForwardedOff_ServiceSeesNoForwardedHeaders()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishHttpAsync(client, name, "forwarded=off");
        using var visitor = new EdgeVisitor(relay.HttpPort);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(name, "/headers"));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");

        using var response = await visitor.Client.SendAsync(request).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("X-Forwarded-For: \n", text, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto: \n", text, StringComparison.Ordinal);
        Assert.Contains("Forwarded: \n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostHeader_ServiceSeesTheOwnersHost()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishHttpAsync(client, name, "host-header=app.internal:3000");
        using var visitor = new EdgeVisitor(relay.HttpPort);

        var text = await visitor.Client.GetStringAsync(Url(name, "/headers")).WaitAsync(Timeout);

        Assert.Contains("Host: app.internal:3000\n", text, StringComparison.Ordinal);
        Assert.Contains($"X-Forwarded-Host: {name}.localhost:{relay.HttpPort}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForceHttps_PlainHttpVisitor_RedirectedToTheTlsEdge()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishHttpAsync(client, name, "force-https");
        using var plain = new EdgeVisitor(relay.HttpPort);
        using var secure = new EdgeVisitor(relay.TlsPort, relay.RelayCertificate);

        using var redirect = await plain.Client.GetAsync(Url(name, "/hello?token=c")).WaitAsync(Timeout);
        var over = await secure.Client.GetStringAsync(redirect.Headers.Location!).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal(new Uri($"https://{name}.localhost:{relay.TlsPort}/hello?token=c"), redirect.Headers.Location);
        Assert.Equal($"hello {name}.localhost:{relay.TlsPort} c", over);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ProxyProtocol_TlsPassthrough_ServiceReadsHeaderThenClientHello(int version)
    {
        var name = HttpEdgeTests.UniqueName();
        using var service = new CapturingBackend(bytes => HeaderLength(bytes, version) is { } length && bytes.Length > length);
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await OptionsPublisher.PublishAsync(client, relay.SshPort, $"{name}:443:127.0.0.1:{service.Port}", $"proxy-protocol={version}");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, relay.TlsPort).WaitAsync(Timeout);
        var visitorPort = ((IPEndPoint)tcp.Client.LocalEndPoint!).Port;
        await using var tls = new SslStream(tcp.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = $"{name}.localhost" });
        var captured = await service.Captured.WaitAsync(Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => handshake.WaitAsync(Timeout));

        var length = HeaderLength(captured, version)!.Value;
        if (version == 1)
        {
            Assert.Equal($"PROXY TCP4 127.0.0.1 127.0.0.1 {visitorPort} {relay.TlsPort}\r\n", Encoding.ASCII.GetString(captured, 0, length));
        }
        else
        {
            Assert.Equal([0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0x00, 0x0C, 127, 0, 0, 1, 127, 0, 0, 1], captured[..24]);
            Assert.Equal(visitorPort, (captured[24] << 8) | captured[25]);
            Assert.Equal(relay.TlsPort, (captured[26] << 8) | captured[27]);
        }

        // A TLS handshake record: the ClientHello, untouched, right after the header.
        Assert.Equal(0x16, captured[length]);
    }

    [Fact]
    public async Task AllowOnTlsPassthrough_VisitorFromOtherAddress_ClosedAndServiceNeverReached()
    {
        var name = HttpEdgeTests.UniqueName();
        using var service = new CapturingBackend(bytes => bytes.Length > 0);
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await OptionsPublisher.PublishAsync(client, relay.SshPort, $"{name}:443:127.0.0.1:{service.Port}", "allow=127.0.0.1");

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await socket.ConnectAsync(IPAddress.Loopback, relay.TlsPort).WaitAsync(Timeout);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = $"{name}.localhost" });

        await Assert.ThrowsAnyAsync<Exception>(() => handshake.WaitAsync(Timeout));
        Assert.False(service.Captured.IsCompleted);
    }

    [Fact]
    public async Task BadOption_RefusedWithItsReason_AndNoTunnelRouted()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(relay.SshPort, extraArgs: ["-R", $"{name}:80:127.0.0.1:{relay.BackendPort}"], command: "auth=alice:s3cret proxy-protocol=3", timeout: Timeout);
        using var visitor = new EdgeVisitor(relay.HttpPort);
        using var response = await visitor.Client.GetAsync(Url(name, "/hello")).WaitAsync(Timeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("proxy-protocol= takes 1 or 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("auth=USER:PASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OptionsRace_VisitorsDuringTheConnect_NeverServedWithoutAuth()
    {
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var visitor = new EdgeVisitor(relay.HttpPort);
        var statuses = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();

        // Visitors from before the ssh starts until well after its options are in place.
        var visiting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await visitor.Client.GetAsync(Url(name, "/hello"), stop.Token);
                    statuses.Enqueue(response.StatusCode);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        using var ssh = OptionsPublisher.Start(client, relay.SshPort, $"{name}:80:127.0.0.1:{relay.BackendPort}", "auth=alice:s3cret");
        await OptionsPublisher.WaitForOptionsAsync(ssh);
        await WaitFor.ConditionAsync(() => statuses.Count(s => s == HttpStatusCode.Unauthorized) >= 5, Timeout, "visitors to meet the auth");
        await stop.CancelAsync();
        await visiting.WaitAsync(Timeout);

        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, s.ToString()));
    }

    [Fact]
    public async Task RelayPort_ProxyProtocolAndAllow_HeaderFirstAndOthersClosed()
    {
        using var service = new CapturingBackend(bytes => bytes.AsSpan().IndexOf("hello"u8) >= 0);
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await OptionsPublisher.PublishAsync(client, relay.SshPort, "0:127.0.0.1:" + service.Port.ToString(CultureInfo.InvariantCulture), "proxy-protocol=1 allow=127.0.0.1");
        var relayPort = AllocatedPort(publisher.Output.ToString());

        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await other.ConnectAsync(IPAddress.Loopback, relayPort).WaitAsync(Timeout);
        var closed = await ReceiveOrResetAsync(other).WaitAsync(Timeout);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, relayPort).WaitAsync(Timeout);
        var visitorPort = ((IPEndPoint)tcp.Client.LocalEndPoint!).Port;
        await tcp.GetStream().WriteAsync("hello"u8.ToArray()).AsTask().WaitAsync(Timeout);
        var captured = Encoding.ASCII.GetString(await service.Captured.WaitAsync(Timeout));

        Assert.Equal(0, closed);
        Assert.Equal($"PROXY TCP4 127.0.0.1 127.0.0.1 {visitorPort} {relayPort}\r\nhello", captured);
    }

    [Fact]
    public async Task RateLimit_OverTheRate_429WithRetryAfter()
    {
        await using var backend = await EdgeBackend.StartAsync();
        using var limited = await WarrenProcess.StartAsync(["--anonymous", "--edge-requests-per-second", "1", "--edge-request-burst", "1"]);
        await WaitFor.PortOpenAsync("127.0.0.1", limited.HttpPort, Timeout);
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, limited.Port, [$"{name}:80:127.0.0.1:{backend.Port}"]);
        using var visitor = new EdgeVisitor(limited.HttpPort);
        var url = $"http://{name}.localhost:{limited.HttpPort.ToString(CultureInfo.InvariantCulture)}/hello";

        HttpResponseMessage? tooMany = null;
        for (var i = 0; i < 20 && tooMany is null; i++)
        {
            var response = await visitor.Client.GetAsync(url).WaitAsync(Timeout);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                tooMany = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using (tooMany)
        {
            Assert.NotNull(tooMany);
            Assert.True(tooMany.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), tooMany.Headers.ToString());
        }
    }

    [Fact]
    public async Task ForceHttps_RelayWithoutTlsCertificate_RefusedWithTheFix()
    {
        using var plainRelay = await WarrenProcess.StartAsync(["--anonymous"]);
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(plainRelay.Port, extraArgs: ["-R", $"{HttpEdgeTests.UniqueName()}:80:127.0.0.1:9"], command: "force-https", timeout: Timeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("force-https needs HTTPS at this relay", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForceHttps_RelayBehindALoadBalancer_RedirectsToThePublicTlsPort()
    {
        using var files = new TempDirectory("warren-edge-public-");
        var (cert, key) = (files.Combine("relay.crt"), files.Combine("relay.key"));
        EdgeCertificates.WritePem(relay.RelayCertificate, cert, key);
        using var balanced = await WarrenProcess.StartAsync(
            ["--anonymous", "--tls-listen", "127.0.0.1:" + FreePort.Get().ToString(CultureInfo.InvariantCulture), "--tls-cert", cert, "--tls-key", key, "--public-tls-port", "443"]);
        await WaitFor.PortOpenAsync("127.0.0.1", balanced.HttpPort, Timeout);
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await OptionsPublisher.PublishAsync(client, balanced.Port, $"{name}:80:127.0.0.1:{relay.BackendPort}", "force-https");
        using var plain = new EdgeVisitor(balanced.HttpPort);

        using var redirect = await plain.Client.GetAsync($"http://{name}.localhost:{balanced.HttpPort.ToString(CultureInfo.InvariantCulture)}/a?b=c").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal(new Uri($"https://{name}.localhost/a?b=c"), redirect.Headers.Location);
    }

    /// <summary>The length of the PROXY header at the start of <paramref name="bytes"/>, or null while incomplete.</summary>
    private static int? HeaderLength(byte[] bytes, int version)
    {
        if (version == 1)
        {
            var end = bytes.AsSpan().IndexOf("\r\n"u8);
            return end < 0 ? null : end + 2;
        }

        return bytes.Length < 16 ? null : 16 + ((bytes[14] << 8) | bytes[15]);
    }

    private static async Task<int> ReceiveOrResetAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16]);
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    private static int AllocatedPort(string output)
    {
        // OpenSSH: "Allocated port 40123 for remote forward to 127.0.0.1:PORT"
        const string marker = "Allocated port ";
        var start = output.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = output.IndexOf(' ', start);
        return int.Parse(output.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    private static HttpClient VisitorFrom(IPAddress local, int edgePort) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, edgePort, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { Timeout = Timeout };

    private async Task<HttpResponseMessage> SendWithAuthAsync(EdgeVisitor visitor, string name, string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(name, "/hello?token=a"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return await visitor.Client.SendAsync(request).WaitAsync(Timeout);
    }

    private Task<BackgroundProcess> PublishHttpAsync(OpenSshClient client, string name, string options) =>
        OptionsPublisher.PublishAsync(client, relay.SshPort, $"{name}:80:127.0.0.1:{relay.BackendPort}", options);

    private string Url(string name, string pathAndQuery) =>
        $"http://{name}.localhost:{relay.HttpPort.ToString(CultureInfo.InvariantCulture)}{pathAndQuery}";
}
