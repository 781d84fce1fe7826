using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Tests.Channels;

/// <summary>Two connected loopback sockets: <see cref="Owned"/> goes to the actor, <see cref="Peer"/> is the test's TCP peer.</summary>
internal sealed class LoopbackPair : IDisposable
{
    private LoopbackPair(Socket owned, Socket peer)
    {
        Owned = owned;
        Peer = peer;
    }

    public Socket Owned { get; }

    public Socket Peer { get; }

    /// <summary>Connects a pair; small kernel buffers, when asked, make a write pend quickly.</summary>
    public static async Task<LoopbackPair> ConnectAsync(int? kernelBufferBytes = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (kernelBufferBytes is { } bytes)
        {
            peer.ReceiveBufferSize = bytes;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var accept = listener.AcceptSocketAsync(timeout.Token).AsTask();
        await peer.ConnectAsync((IPEndPoint)listener.LocalEndpoint, timeout.Token);
        var owned = await accept;
        if (kernelBufferBytes is { } sendBytes)
        {
            owned.SendBufferSize = sendBytes;
        }

        return new LoopbackPair(owned, peer);
    }

    /// <summary>Reads from the peer until EOF.</summary>
    public async Task<byte[]> ReadPeerToEndAsync(CancellationToken cancellation)
    {
        var result = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Peer.ReceiveAsync(chunk, SocketFlags.None, cancellation)) > 0)
        {
            result.Write(chunk, 0, read);
        }

        return result.ToArray();
    }

    public void Dispose()
    {
        Peer.Dispose();
        Owned.Dispose();
    }
}
