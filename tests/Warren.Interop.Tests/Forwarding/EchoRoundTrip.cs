using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// Sends random bytes to a loopback port that leads (through the relay) to a <see cref="TcpEchoServer"/>,
/// half-closes, and reads until the echo's EOF: the caller checks what came back.
/// </summary>
internal static class EchoRoundTrip
{
    /// <summary>Returns the bytes sent and the bytes received back.</summary>
    public static async Task<(byte[] Sent, byte[] Received)> RunAsync(int port, int length, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(timeout);
        var stream = tcp.GetStream();
        var sent = RandomNumberGenerator.GetBytes(length);
        var writing = Task.Run(async () =>
        {
            await stream.WriteAsync(sent);
            tcp.Client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(timeout);
        await writing.WaitAsync(timeout);
        return (sent, received.ToArray());
    }
}
