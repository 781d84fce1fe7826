using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// The HTTP edge with the real OpenSSH client publishing a Kestrel service
/// (<c>ssh -R name:80:127.0.0.1:PORT</c>) and HttpClient / ClientWebSocket visitors at
/// <c>http://name.localhost:EDGE/</c>.
/// </summary>
public sealed class HttpEdgeTests(EdgeWarrenFixture relay) : IClassFixture<EdgeWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Request_KeepAlive_ServesTwoRequestsOverOneConnection()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        var first = await visitor.Client.GetStringAsync(Url(name, "/hello?token=one")).WaitAsync(Timeout);
        var second = await visitor.Client.GetStringAsync(Url(name, "/hello?token=two")).WaitAsync(Timeout);

        Assert.Equal($"hello {name}.localhost:{relay.HttpPort} one", first);
        Assert.Equal($"hello {name}.localhost:{relay.HttpPort} two", second);
        Assert.Equal(1, visitor.Connections);
    }

    [Fact]
    public async Task Request_Forwarded_ServiceSeesForwardedHeaders()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(name, "/headers"));

        // A visitor's own forwarded headers are not believed.
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        using var response = await visitor.Client.SendAsync(request).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync();

        var host = $"{name}.localhost:{relay.HttpPort}";
        Assert.Contains($"Host: {host}\n", text, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-For: 127.0.0.1\n", text, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto: http\n", text, StringComparison.Ordinal);
        Assert.Contains($"X-Forwarded-Host: {host}\n", text, StringComparison.Ordinal);
        Assert.Contains($"Forwarded: for=127.0.0.1;proto=http;host=\"{host}\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_OneMegabyte_CountedAsHttpEdgeBytesBothWays()
    {
        const int size = 1024 * 1024;
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);
        var before = await MetricsScrape.GetAsync(relay.MetricsPort);

        var body = await visitor.Client.GetByteArrayAsync(Url(name, $"/download?size={size}")).WaitAsync(Timeout);

        Assert.Equal(size, body.Length);
        var after = await MetricsScrape.GetAsync(relay.MetricsPort);
        var sentToVisitors = after.Sum("warren_relayed_bytes_total", "direction=\"out\"", "edge=\"http\"") - before.Sum("warren_relayed_bytes_total", "direction=\"out\"", "edge=\"http\"");
        var fromVisitors = after.Sum("warren_relayed_bytes_total", "direction=\"in\"", "edge=\"http\"") - before.Sum("warren_relayed_bytes_total", "direction=\"in\"", "edge=\"http\"");
        Assert.True(sentToVisitors >= size, $"{sentToVisitors} bytes counted out to visitors, expected at least {size}");
        Assert.True(fromVisitors > 0, "the request's bytes were not counted in from the visitor");
    }

    [Fact]
    public async Task Download_100MB_ArrivesIntact()
    {
        const int size = 100 * 1024 * 1024;
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var response = await visitor.Client.GetAsync(Url(name, $"/download?size={size}"), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        await using var body = await response.Content.ReadAsStreamAsync();
        var hash = await SHA256.HashDataAsync(body).AsTask().WaitAsync(BulkTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SHA256.HashData(EdgeBackend.DownloadBytes(size)), hash);
    }

    [Fact]
    public async Task Upload_100MB_ArrivesIntact()
    {
        var sent = RandomNumberGenerator.GetBytes(100 * 1024 * 1024);
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var content = new ByteArrayContent(sent);
        using var response = await visitor.Client.PostAsync(Url(name, "/upload"), content).WaitAsync(BulkTimeout);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal($"{sent.Length} {Convert.ToHexString(SHA256.HashData(sent))}", answer);
    }

    [Fact]
    public async Task Response_Chunked_ArrivesWhole()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var response = await visitor.Client.GetAsync(Url(name, "/chunked")).WaitAsync(Timeout);

        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("chunk 0;chunk 1;chunk 2;chunk 3;chunk 4;", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_UnknownName_NotFoundWithoutTunnelList()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var unknown = await visitor.Client.GetAsync(Url("nosuchtunnel", "/hello")).WaitAsync(Timeout);
        using var bare = await visitor.Client.GetAsync($"http://localhost:{relay.HttpPort}/").WaitAsync(Timeout);
        var page = await unknown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
        Assert.DoesNotContain(name, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ServiceDown_BadGateway()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, relay.SshPort, [$"{name}:80:127.0.0.1:{FreePort.Get()}"]);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var response = await visitor.Client.GetAsync(Url(name, "/hello")).WaitAsync(Timeout);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_IdlePastKeepAliveTimeout_StillEchoes()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = ConnectToEdgeAsync });

        await socket.ConnectAsync(new Uri($"ws://{name}.localhost:{relay.HttpPort}/ws"), invoker, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal("one", await EchoAsync(socket, "one"));

        // Idle for twice the edge's keep-alive timeout: an upgraded connection is not an idle keep-alive.
        await Task.Delay(TimeSpan.FromSeconds(EdgeWarrenFixture.KeepAliveSeconds * 2 + 1));

        Assert.Equal("two", await EchoAsync(socket, "two"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Timeout);
    }

    [Fact]
    public async Task ServerSentEvents_FirstEvent_ArrivesBeforeTheResponseEnds()
    {
        var name = UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await PublishAsync(client, name);
        using var visitor = new EdgeVisitor(relay.HttpPort);

        using var response = await visitor.Client.GetAsync(Url(name, "/sse"), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);

        // The service never ends this response: the line can only come unbuffered.
        Assert.Equal("data: first", await reader.ReadLineAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Visitor_SlowHeaders_IsDropped()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, relay.HttpPort).WaitAsync(Timeout);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: slow.localhost\r\nX-Slow: "));

        // The header timeout is 2 s here; the edge answers 408 or just closes, either way the read ends.
        var buffer = new byte[4096];
        var total = 0;
        int read;
        while ((read = await ReadOrResetAsync(stream, buffer).WaitAsync(Timeout)) > 0)
        {
            total += read;
        }

        Assert.True(total < buffer.Length);
    }

    internal static string UniqueName() => "e" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<int> ReadOrResetAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    private async ValueTask<Stream> ConnectToEdgeAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, relay.HttpPort, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private string Url(string name, string pathAndQuery) =>
        $"http://{name}.localhost:{relay.HttpPort.ToString(CultureInfo.InvariantCulture)}{pathAndQuery}";

    private Task<BackgroundProcess> PublishAsync(OpenSshClient client, string name) =>
        TunnelPublisher.PublishAsync(client, relay.SshPort, [$"{name}:80:127.0.0.1:{relay.BackendPort}"]);
}
