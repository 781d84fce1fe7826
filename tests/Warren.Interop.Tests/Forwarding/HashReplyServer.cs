using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// A request/response service over half-close: reads everything until the peer's FIN, then
/// answers with the byte count and the SHA-256 of what it read (one line), and closes.
/// </summary>
internal sealed class HashReplyServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public HashReplyServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>The line the server answers for <paramref name="bytes"/> bytes whose SHA-256 is <paramref name="hash"/>.</summary>
    public static string Answer(long bytes, byte[] hash) => $"{bytes} {Convert.ToHexString(hash)}\n";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = AnswerAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var chunk = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(chunk, _stop.Token)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                    total += read;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(Answer(total, hash.GetHashAndReset())), _stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // The test ended or the peer went away.
            }
        }
    }
}
