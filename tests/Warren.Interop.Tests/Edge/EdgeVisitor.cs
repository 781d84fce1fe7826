using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// An HttpClient for visitors: every connection goes to the edge on 127.0.0.1:PORT (or the
/// address given) whatever the URL's host (so URLs read http://name.localhost:PORT/...), and connections are counted.
/// For https, only <paramref name="trusted"/> is accepted as the server's certificate.
/// </summary>
internal sealed class EdgeVisitor : IDisposable
{
    private int _connections;

    public EdgeVisitor(int edgePort, X509Certificate2? trusted = null, IPAddress? edgeAddress = null)
    {
        var address = edgeAddress ?? IPAddress.Loopback;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref _connections);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, edgePort, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (trusted is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString(),
            };
        }

        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    /// <summary>TCP connections opened to the edge so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Dispose() => Client.Dispose();
}
