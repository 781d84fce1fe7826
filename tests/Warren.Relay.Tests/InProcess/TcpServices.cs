using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Tests.InProcess;

/// <summary>A one-connection loopback service for the in-process tests: the test decides what it does with the accepted socket.</summary>
internal sealed class OneShotService : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public OneShotService()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public async Task<Socket> AcceptAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await _listener.AcceptSocketAsync(deadline.Token);
    }

    public void Dispose() => _listener.Stop();
}
