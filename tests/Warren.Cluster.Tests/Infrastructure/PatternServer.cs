using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// A TCP service that sends <see cref="Length"/> bytes to each connection and closes: a random
/// block of a prime size, repeated, so a chunk lost, doubled or moved changes the SHA-256.
/// <see cref="ExpectedHash"/> is the hash a reader must see.
/// </summary>
internal sealed class PatternServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _block = RandomNumberGenerator.GetBytes(1_000_003);
    private readonly bool _http;
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="length">Bytes of pattern each connection gets.</param>
    /// <param name="http">Read an HTTP request first and answer it: 200, the pattern as the body.</param>
    public PatternServer(long length, bool http = false)
    {
        Length = length;
        _http = http;
        ExpectedHash = Hash();
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>
    /// When set before a connection, the server sends this many bytes, completes
    /// <see cref="Paused"/>, and sends the rest only after <see cref="Resume"/>: a transfer that
    /// is certainly under way while the test does something to the relay.
    /// </summary>
    public long? PauseAfter { get; init; }

    /// <summary>Completes when a connection has sent <see cref="PauseAfter"/> bytes and waits.</summary>
    public Task Paused => _paused.Task;

    /// <summary>Lets a paused connection send the rest.</summary>
    public void Resume() => _resumed.TrySetResult();

    public long Length { get; }

    public byte[] ExpectedHash { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private byte[] Hash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var sent = 0L; sent < Length;)
        {
            var count = (int)Math.Min(_block.Length, Length - sent);
            hash.AppendData(_block, 0, count);
            sent += count;
        }

        return hash.GetHashAndReset();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = SendAsync(socket);
        }
    }

    private async Task AnswerRequestAsync(Socket socket)
    {
        // The request's head ends with an empty line; a GET has no body.
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, _stop.Token) == 0)
            {
                return;
            }

            head.Add(one[0]);
        }

        var status = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Length}\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(status, SocketFlags.None, _stop.Token);
    }

    private async Task SendAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                if (_http)
                {
                    await AnswerRequestAsync(socket);
                }

                var pauseAt = PauseAfter ?? long.MaxValue;
                for (var sent = 0L; sent < Length;)
                {
                    if (sent == pauseAt)
                    {
                        _paused.TrySetResult();
                        await _resumed.Task.WaitAsync(_stop.Token);
                    }

                    // Chunks stop at the pause point, so the pause comes after exactly PauseAfter bytes.
                    var block = (int)(sent % _block.Length);
                    var count = (int)Math.Min(Math.Min(_block.Length - block, Length - sent), sent < pauseAt ? pauseAt - sent : long.MaxValue);
                    await socket.SendAsync(_block.AsMemory(block, count), SocketFlags.None, _stop.Token);
                    sent += count;
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The reader went away: its test reports what it saw.
            }
        }
    }
}
