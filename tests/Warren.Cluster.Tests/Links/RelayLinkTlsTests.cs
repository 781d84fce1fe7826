using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Links;

/// <summary>
/// <see cref="RelayLinkTls"/> over a real loopback TCP connection: both ends with the one
/// certificate authenticate each other, and a client that shows no certificate is refused.
/// </summary>
public sealed class RelayLinkTlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly RelayCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Handshake_SameCertificateBothEnds_BytesCrossOverTls13()
    {
        using var tls = Load(_certificates.SelfSigned("warren-cluster"));
        using var connection = await LoopbackConnection.OpenAsync();

        var accepting = tls.AuthenticateAsync(connection.Server, dialer: false, CancellationToken.None);
        var (client, clientProblem) = await tls.AuthenticateAsync(connection.Client, dialer: true, CancellationToken.None).WaitAsync(Timeout);
        var (server, serverProblem) = await accepting.WaitAsync(Timeout);

        Assert.True(client is not null, clientProblem);
        Assert.True(server is not null, serverProblem);
        await using (client)
        await using (server)
        {
            Assert.Equal(SslProtocols.Tls13, client.SslProtocol);
            await client.WriteAsync("over tls"u8.ToArray()).AsTask().WaitAsync(Timeout);
            var received = new byte[8];
            await server.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
            Assert.Equal("over tls"u8.ToArray(), received);
        }
    }

    [Fact]
    public async Task Handshake_ClientWithoutCertificate_ServerRefusesSayingSo()
    {
        using var tls = Load(_certificates.SelfSigned("warren-cluster"));
        using var connection = await LoopbackConnection.OpenAsync();

        var accepting = tls.AuthenticateAsync(connection.Server, dialer: false, CancellationToken.None);
        await using var bare = new SslStream(connection.Client, leaveInnerStreamOpen: true);
        var clientHandshake = bare.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = string.Empty,
            // Only the server's check is under test: the client takes whatever certificate it shows.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        });
        var (server, problem) = await accepting.WaitAsync(Timeout);

        Assert.Null(server);
        Assert.Contains("TLS handshake failed: the peer presented no certificate", problem, StringComparison.Ordinal);

        // The link closes its socket on a refusal (TLS 1.3: the client may have finished its side).
        connection.CloseServer();
        var seen = await Record.ExceptionAsync(async () =>
        {
            await clientHandshake.WaitAsync(Timeout);
            if (await bare.ReadAsync(new byte[1]).AsTask().WaitAsync(Timeout) == 0)
            {
                throw new EndOfStreamException("closed");
            }
        });
        Assert.True(seen is IOException or AuthenticationException, $"the client saw: {seen}");
    }

    [Fact]
    public async Task CertificateFilesReplaced_NewLinksPresentTheNewCertificate_AndABrokenReplacementKeepsIt()
    {
        var renewed = _certificates.SelfSigned("warren-cluster-renewed");
        var nodeFiles = _certificates.SelfSigned("warren-cluster-first");
        var log = new LinesLogger();
        using var node = RelayLinkTls.Load(nodeFiles[1], nodeFiles[3], caFile: null, log);
        using var peer = Load(renewed);
        Assert.Contains("was refused", await HandshakeAsync(node, peer), StringComparison.Ordinal);

        // A renewal writes new files in place (cert-manager, a mounted Secret's update).
        CopyWithNewStamp(renewed[1], nodeFiles[1]);
        CopyWithNewStamp(renewed[3], nodeFiles[3]);

        // The files are looked at no more than once a second, when a link starts: try until then.
        var outcome = string.Empty;
        await WaitFor.ConditionAsync(
            async _ => (outcome = await HandshakeAsync(node, peer)) == "up",
            TimeSpan.FromSeconds(20),
            "a link to use the renewed certificate");
        Assert.Equal("CN=warren-cluster-renewed", node.Subject);

        // Half a renewal (a key file that is not PEM) keeps the certificate that works.
        await File.WriteAllTextAsync(nodeFiles[3], "not a key");
        File.SetLastWriteTimeUtc(nodeFiles[3], DateTime.UtcNow.AddMinutes(2));
        await WaitFor.ConditionAsync(
            async _ => (outcome = await HandshakeAsync(node, peer)) != "up" || log.Lines.Any(line => line.Contains("could not be read", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20),
            "the broken key file to be read and set aside");
        Assert.Equal("up", outcome);
        Assert.Equal("up", await HandshakeAsync(node, peer));
        Assert.Equal("CN=warren-cluster-renewed", node.Subject);
        Assert.Contains(log.Lines, line => line.Contains("reloaded from", StringComparison.Ordinal));
    }

    /// <summary>One link handshake, <paramref name="dialer"/> dialing: "up", or "was refused: " and the dialer's reason.</summary>
    private static async Task<string> HandshakeAsync(RelayLinkTls dialer, RelayLinkTls acceptor)
    {
        using var connection = await LoopbackConnection.OpenAsync();
        var accepting = acceptor.AuthenticateAsync(connection.Server, dialer: false, CancellationToken.None);
        var (client, problem) = await dialer.AuthenticateAsync(connection.Client, dialer: true, CancellationToken.None).WaitAsync(Timeout);
        if (client is null)
        {
            // The acceptor may still wait for the refused dialer's next flight.
            connection.CloseServer();
            await Record.ExceptionAsync(() => accepting.WaitAsync(Timeout));
            return "was refused: " + problem;
        }

        var (server, serverProblem) = await accepting.WaitAsync(Timeout);
        await client.DisposeAsync();
        await (server?.DisposeAsync() ?? ValueTask.CompletedTask);
        return server is not null ? "up" : "the acceptor refused: " + serverProblem;
    }

    /// <summary>The formatted lines logged, for asserting on what an operator would read.</summary>
    private sealed class LinesLogger : ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }

    private static void CopyWithNewStamp(string from, string to)
    {
        File.Copy(from, to, overwrite: true);
        File.SetLastWriteTimeUtc(to, DateTime.UtcNow.AddMinutes(1));
    }

    private static RelayLinkTls Load(IReadOnlyList<string> flags) => RelayLinkTls.Load(flags[1], flags[3], caFile: null);

    /// <summary>Both ends of one TCP connection on 127.0.0.1 (a free port chosen by the system).</summary>
    private sealed class LoopbackConnection : IDisposable
    {
        private readonly TcpClient _client;
        private readonly TcpClient _server;

        private LoopbackConnection(TcpClient client, TcpClient server)
        {
            _client = client;
            _server = server;
        }

        public NetworkStream Client => _client.GetStream();

        public NetworkStream Server => _server.GetStream();

        public static async Task<LoopbackConnection> OpenAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var client = new TcpClient();
                var accepting = listener.AcceptTcpClientAsync();
                await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(Timeout);
                return new LoopbackConnection(client, await accepting.WaitAsync(Timeout));
            }
            finally
            {
                listener.Stop();
            }
        }

        public void CloseServer() => _server.Dispose();

        public void Dispose()
        {
            _client.Dispose();
            _server.Dispose();
        }
    }
}
