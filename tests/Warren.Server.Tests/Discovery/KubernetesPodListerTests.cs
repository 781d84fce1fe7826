using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Warren.Server.Discovery;

namespace Warren.Server.Tests.Discovery;

/// <summary>
/// The look-up over real TLS on loopback: a one-route HTTPS server with a self-signed
/// certificate stands in for the API server, whose certificate in a cluster is likewise issued
/// by a CA that only the service account's ca.crt names.
/// </summary>
public sealed class KubernetesPodListerTests : IDisposable
{
    private const string PodList = """{"kind":"PodList","items":[{"status":{"phase":"Running","podIP":"10.0.0.7"}}]}""";

    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _certificate;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;
    private volatile string? _authorization;

    public KubernetesPodListerTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // A PKCS#12 round trip gives the server a key that SslStream can use on Linux.
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        _dir.Write("ca.crt", created.ExportCertificatePem());
        _dir.Write("token", "service-account-token\n");
        _listener.Start();
        _serving = ServeAsync();
    }

    [Fact]
    public async Task ListAsync_HttpsSignedByTheServiceAccountCa_ListsThePodsWithTheToken()
    {
        using var lister = new KubernetesPodLister(Settings(Path.Combine(_dir.Path, "ca.crt")));

        var listing = await lister.ListAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(listing.Failure);
        Assert.Equal([new PodEndPoint(IPAddress.Parse("10.0.0.7"), 4053)], listing.Pods);
        Assert.Equal("Bearer service-account-token", _authorization);
    }

    [Fact]
    public async Task ListAsync_CertificateNotFromTheCa_FailsWithTheReason()
    {
        using var lister = new KubernetesPodLister(Settings(Path.Combine(_dir.Path, "no-such-ca.crt")));

        var listing = await lister.ListAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(listing.Pods);
        Assert.Contains("/api/v1/namespaces/relay/pods", listing.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_NothingListening_FailsWithTheReason()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var lister = new KubernetesPodLister(Settings(Path.Combine(_dir.Path, "ca.crt")) with { ApiUrl = new Uri($"https://127.0.0.1:{port}") });

        var listing = await lister.ListAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(listing.Failure);
    }

    public void Dispose()
    {
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _certificate.Dispose();
        _dir.Dispose();
    }

    private KubernetesDiscoverySettings Settings(string caPath) => new(
        new Uri($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}"),
        "relay",
        "app.kubernetes.io/name=warren",
        Path.Combine(_dir.Path, "token"),
        caPath,
        "remoting",
        4053,
        1,
        TimeSpan.Zero,
        TimeSpan.FromSeconds(1));

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // A client that does not trust the certificate hangs up during the handshake.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        await using var tls = new SslStream(stream);
        await tls.AuthenticateAsServerAsync(_certificate);
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await tls.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        foreach (var line in head.ToString().Split("\r\n"))
        {
            if (line.StartsWith("Authorization: ", StringComparison.OrdinalIgnoreCase))
            {
                _authorization = line["Authorization: ".Length..];
            }
        }

        var body = Encoding.UTF8.GetBytes(PodList);
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(response));
        await tls.WriteAsync(body);
    }
}
