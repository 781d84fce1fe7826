using System.Net;
using System.Net.Sockets;

namespace Warren.LoadGen.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it).</summary>
internal static class FreeTcpPort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Task WaitOpenAsync(int port, TimeSpan timeout, Func<bool> gaveUp, string what) =>
        WaitOpenAsync("127.0.0.1", port, timeout, gaveUp, what);

    /// <summary>Waits until something accepts connections on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task WaitOpenAsync(string host, int port, TimeSpan timeout, Func<bool> gaveUp, string what)
    {
        var address = IPAddress.Parse(host);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (gaveUp())
            {
                throw new InvalidOperationException($"{what} exited before listening on port {port}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{what} did not listen on port {port} within {timeout.TotalSeconds:0} s", e);
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }
}
