using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Listeners;

/// <summary>Binds a TCP listening socket, dual-stack for IPv6 addresses.</summary>
public static class ListeningSocket
{
    /// <summary>Binds and listens; a port in use throws <see cref="SocketException"/> here, at start-up.</summary>
    public static Socket Bind(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
