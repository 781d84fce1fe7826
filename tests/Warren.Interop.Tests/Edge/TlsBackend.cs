using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Warren.Interop.Tests.Edge;

/// <summary>A TLS service with its own certificate on 127.0.0.1 (free port): after the handshake it sends one line and closes.</summary>
internal sealed class TlsBackend : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TlsBackend(X509Certificate2 certificate, string greeting)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(certificate, greeting);
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _ = _accepting.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private async Task AcceptAsync(X509Certificate2 certificate, string greeting)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, certificate, greeting);
        }
    }

    private static async Task ServeAsync(TcpClient client, X509Certificate2 certificate, string greeting)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(certificate).WaitAsync(TimeSpan.FromSeconds(30));
                await tls.WriteAsync(Encoding.ASCII.GetBytes(greeting + "\n"));
                await tls.ShutdownAsync();
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or TimeoutException)
            {
                // A visitor that went away mid-handshake; the test that cares asserts on its own side.
            }
        }
    }
}
