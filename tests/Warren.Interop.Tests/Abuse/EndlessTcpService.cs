using System.Net.Sockets;
using Warren.Interop.Tests.Forwarding;

namespace Warren.Interop.Tests.Abuse;

/// <summary>A TCP service that writes zeros to every connection for as long as the peer takes them: the far end of a client that never reads.</summary>
internal sealed class EndlessTcpService : LoopbackTcpService
{
    public EndlessTcpService()
    {
        StartAccepting();
    }

    protected override async Task ServeAsync(NetworkStream stream, Socket socket, CancellationToken stop)
    {
        var chunk = new byte[64 * 1024];
        while (true)
        {
            await stream.WriteAsync(chunk, stop);
        }
    }
}
