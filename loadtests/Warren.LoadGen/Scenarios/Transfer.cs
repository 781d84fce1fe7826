using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Warren.LoadGen.Scenarios;

/// <summary>One visitor's transfer through a forward to <see cref="ByteService"/>, checked by SHA-256.</summary>
internal static class Transfer
{
    /// <summary>Sends <paramref name="length"/> bytes and waits for the service's hash of them.</summary>
    public static async Task UploadAsync(int port, long length, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(port, 'U', length, cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        for (var left = length; left > 0; left -= BytePattern.BlockSize)
        {
            await stream.WriteAsync(BytePattern.Block.AsMemory(0, (int)Math.Min(BytePattern.BlockSize, left)), cancellationToken).ConfigureAwait(false);
        }

        var answer = new byte[32];
        await stream.ReadExactlyAsync(answer, cancellationToken).ConfigureAwait(false);
        Check(answer, length, "upload");
    }

    /// <summary>Asks for <paramref name="length"/> bytes and reads them to the service's FIN.</summary>
    public static async Task DownloadAsync(int port, long length, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(port, 'D', length, cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long received = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            received += read;
        }

        if (received != length)
        {
            throw new InvalidDataException($"download: {received} bytes arrived, {length} were sent");
        }

        Check(hash.GetHashAndReset(), length, "download");
    }

    private static async Task<Socket> ConnectAsync(int port, char command, long length, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            var header = new byte[9];
            header[0] = (byte)command;
            BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), length);
            await socket.SendAsync(header, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Check(byte[] actual, long length, string what)
    {
        if (!actual.AsSpan().SequenceEqual(BytePattern.Hash(length)))
        {
            throw new InvalidDataException($"{what}: SHA-256 of the {length} bytes differs: the forward corrupted data");
        }
    }
}
