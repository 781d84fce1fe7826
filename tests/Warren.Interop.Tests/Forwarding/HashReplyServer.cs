using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// A request/response service over half-close: reads everything until the peer's FIN, then
/// answers with the byte count and the SHA-256 of what it read (one line), and closes.
/// </summary>
internal sealed class HashReplyServer : LoopbackTcpService
{
    public HashReplyServer() => StartAccepting();

    /// <summary>The line the server answers for <paramref name="bytes"/> bytes whose SHA-256 is <paramref name="hash"/>.</summary>
    public static string Answer(long bytes, byte[] hash) => $"{bytes} {Convert.ToHexString(hash)}\n";

    protected override async Task ServeAsync(NetworkStream stream, Socket socket, CancellationToken stop)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(chunk, stop)) > 0)
        {
            hash.AppendData(chunk, 0, read);
            total += read;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Answer(total, hash.GetHashAndReset())), stop);
        socket.Shutdown(SocketShutdown.Send);
    }
}
