using System.Net;
using System.Net.Sockets;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// A TCP service on 127.0.0.1 (free port) that records what its first visitor sends until
/// <c>enough</c> says it has seen what the test wants (or the visitor stops), then closes.
/// For checking the bytes a service receives first, e.g. a PROXY header before a ClientHello.
/// </summary>
internal sealed class CapturingBackend : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public CapturingBackend(Func<byte[], bool> enough)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Captured = CaptureAsync(enough);
    }

    public int Port { get; }

    /// <summary>The bytes the first visitor sent, complete once <c>enough</c> held or the visitor stopped.</summary>
    public Task<byte[]> Captured { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _ = Captured.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private async Task<byte[]> CaptureAsync(Func<byte[], bool> enough)
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        var stream = client.GetStream();
        var seen = new MemoryStream();
        var buffer = new byte[4096];
        while (!enough(seen.ToArray()))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            seen.Write(buffer, 0, read);
        }

        return seen.ToArray();
    }
}
