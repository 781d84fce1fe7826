using System.Net;
using System.Net.Sockets;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// A TCP port on 127.0.0.1 that was free a moment ago: bind port 0, read what the OS chose,
/// close. Another process can take it before it is used; helpers that start servers retry.
/// </summary>
internal static class FreePort
{
    public static int Get()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary><paramref name="count"/> distinct free ports: each is held until all are chosen, so none repeats.</summary>
    public static int[] GetMany(int count)
    {
        var held = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                held.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return held.Select(socket => ((IPEndPoint)socket.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            held.ForEach(socket => socket.Dispose());
        }
    }
}
