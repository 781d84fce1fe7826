using System.Net;
using System.Net.Sockets;

namespace Warren.Ssh.Tests.Transport;

/// <summary>Two ends of a real TCP connection on loopback, on a port chosen by the kernel.</summary>
internal sealed class LoopbackConnection : IDisposable
{
    private LoopbackConnection(Socket client, Socket server)
    {
        Client = client;
        Server = server;
    }

    public Socket Client { get; }

    public Socket Server { get; }

    public static async Task<LoopbackConnection> OpenAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!).WaitAsync(TimeSpan.FromSeconds(10));
        var server = await accept.WaitAsync(TimeSpan.FromSeconds(10));
        server.NoDelay = true;
        return new LoopbackConnection(client, server);
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
