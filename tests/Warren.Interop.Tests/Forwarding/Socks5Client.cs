using System.Net;
using System.Net.Sockets;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>The smallest SOCKS5 client (RFC 1928): no authentication, CONNECT to an IPv4 address.</summary>
internal static class Socks5Client
{
    /// <summary>Connects through the proxy at 127.0.0.1:<paramref name="proxyPort"/> to <paramref name="target"/>; throws with the reply code if refused.</summary>
    public static async Task<TcpClient> ConnectAsync(int proxyPort, IPEndPoint target, CancellationToken cancellation)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, proxyPort, cancellation);
            var stream = client.GetStream();

            // Greeting: version 5, one method, "no authentication required" (RFC 1928 §3).
            await stream.WriteAsync(new byte[] { 5, 1, 0 }, cancellation);
            var choice = new byte[2];
            await stream.ReadExactlyAsync(choice, cancellation);
            if (choice[0] != 5 || choice[1] != 0)
            {
                throw new IOException($"SOCKS5 proxy chose method {choice[1]}");
            }

            // CONNECT to an IPv4 address (RFC 1928 §4), port in network order.
            var request = new byte[10];
            request[0] = 5;
            request[1] = 1;
            request[3] = 1;
            target.Address.GetAddressBytes().CopyTo(request, 4);
            request[8] = (byte)(target.Port >> 8);
            request[9] = (byte)target.Port;
            await stream.WriteAsync(request, cancellation);

            // Reply (RFC 1928 §6): VER REP RSV ATYP(1) BND.ADDR(4) BND.PORT(2).
            var reply = new byte[10];
            await stream.ReadExactlyAsync(reply, cancellation);
            if (reply[1] != 0)
            {
                throw new IOException($"SOCKS5 CONNECT refused with reply code {reply[1]}");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
