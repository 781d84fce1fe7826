using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Warren.Relay.Listeners;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Binds the relay port of <c>ssh -R PORT:...</c> or <c>ssh -R 0:...</c> within --forward-ports.
/// The operating system is the allocator: a port another session holds fails to bind, so sessions
/// need no shared table. Port 0 tries the range from a random place, so allocations spread out.
/// </summary>
public static class ForwardPortBinder
{
    /// <summary>
    /// Binds and listens on <paramref name="requested"/> (0: any free port of <paramref name="range"/>).
    /// False with a reason for the person at the client when the port is outside the range, in
    /// use, or no port is free.
    /// </summary>
    public static bool TryBind(PortRange range, IPAddress bindAddress, uint requested, out Socket socket, out int port, out string error)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        socket = null!;
        port = 0;
        error = string.Empty;
        if (requested != 0)
        {
            if (!range.Contains((int)Math.Min(requested, int.MaxValue)))
            {
                error = $"port {requested.ToString(CultureInfo.InvariantCulture)} is outside this relay's forward ports {range}; ask for one of those, or for 0 to get a free one (ssh -R 0:HOST:PORT)";
                return false;
            }

            port = (int)requested;
            if (TryBindOne(bindAddress, port, out socket))
            {
                return true;
            }

            error = $"port {port.ToString(CultureInfo.InvariantCulture)} is in use on the relay; pick another in {range}, or ask for 0 to get a free one";
            return false;
        }

        var start = Random.Shared.Next(range.Count);
        for (var i = 0; i < range.Count; i++)
        {
            port = range.Low + ((start + i) % range.Count);
            if (TryBindOne(bindAddress, port, out socket))
            {
                return true;
            }
        }

        port = 0;
        error = $"every forward port of this relay ({range}) is in use; try again later";
        return false;
    }

    private static bool TryBindOne(IPAddress bindAddress, int port, out Socket socket)
    {
        try
        {
            socket = ListeningSocket.Bind(new IPEndPoint(bindAddress, port));
            return true;
        }
        catch (SocketException)
        {
            socket = null!;
            return false;
        }
    }
}
