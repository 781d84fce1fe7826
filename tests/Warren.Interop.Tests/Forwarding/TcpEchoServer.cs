using System.Net.Sockets;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// A tiny TCP service for a tunnel to publish: writes the greeting (if any), then echoes every
/// byte back until the peer half-closes.
/// </summary>
internal sealed class TcpEchoServer : LoopbackTcpService
{
    private readonly byte[] _greeting;

    public TcpEchoServer(string greeting = "")
    {
        _greeting = System.Text.Encoding.ASCII.GetBytes(greeting);
        StartAccepting();
    }

    protected override async Task ServeAsync(NetworkStream stream, Socket socket, CancellationToken stop)
    {
        await stream.WriteAsync(_greeting, stop);
        await stream.CopyToAsync(stream, stop);
        socket.Shutdown(SocketShutdown.Send);
    }
}
