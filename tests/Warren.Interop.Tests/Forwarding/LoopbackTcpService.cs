using System.Net;
using System.Net.Sockets;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// A tiny TCP service on 127.0.0.1 and a free port: accepts until disposed and serves each
/// connection with <see cref="ServeAsync"/>, which the test service defines.
/// </summary>
internal abstract class LoopbackTcpService : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    protected LoopbackTcpService()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    /// <summary>Starts accepting; called by the subclass once it is fully built.</summary>
    protected void StartAccepting() => _ = AcceptLoopAsync();

    /// <summary>Serves one connection; <paramref name="stop"/> is cancelled when the service is disposed.</summary>
    protected abstract Task ServeAsync(NetworkStream stream, Socket socket, CancellationToken stop);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeOneAsync(client, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeOneAsync(TcpClient client, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client.GetStream(), client.Client, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // The test ended or the peer went away.
            }
        }
    }
}
