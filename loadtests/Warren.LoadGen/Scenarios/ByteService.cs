using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// The service behind the forward: a loopback TCP server that sinks or sources bytes. A visitor
/// sends one command byte and an 8-byte big-endian length: <c>U</c> then that many bytes, answered
/// with their SHA-256 (so the upload is checked and timed to its last byte); or <c>D</c>, answered
/// with that many bytes of <see cref="BytePattern"/> and a FIN. Anything else is closed at once
/// (the port checks that wait for a forward to come up connect and leave).
/// </summary>
internal sealed class ByteService : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public ByteService()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var header = new byte[9];
        try
        {
            await stream.ReadExactlyAsync(header).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(1));
            switch ((char)header[0])
            {
                case 'U':
                    await SinkAsync(stream, length).ConfigureAwait(false);
                    break;
                case 'D':
                    await SourceAsync(stream, length).ConfigureAwait(false);
                    socket.Shutdown(SocketShutdown.Send);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
        {
            // A probe or a visitor that went away: nothing to answer.
        }
    }

    private static async Task SinkAsync(NetworkStream stream, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BytePattern.BlockSize];
        var left = length;
        while (left > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left))).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }

        await stream.WriteAsync(hash.GetHashAndReset()).ConfigureAwait(false);
    }

    private static async Task SourceAsync(NetworkStream stream, long length)
    {
        var left = length;
        while (left > 0)
        {
            var chunk = (int)Math.Min(BytePattern.BlockSize, left);
            await stream.WriteAsync(BytePattern.Block.AsMemory(0, chunk)).ConfigureAwait(false);
            left -= chunk;
        }
    }
}
