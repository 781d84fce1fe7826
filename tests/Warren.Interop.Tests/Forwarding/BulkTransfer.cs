using System.Security.Cryptography;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// Streams pseudo-random bytes (a seeded generator, so nothing large is held in memory) one way
/// and reads the other way to EOF at the same time, hashing both with SHA-256. After the last
/// byte the sender half-closes, as a client of a request/response protocol does.
/// </summary>
internal static class BulkTransfer
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Megabytes the bulk tests move each way.</summary>
    public const long BulkBytes = 200L * 1024 * 1024;

    /// <summary>Sends <paramref name="bytes"/> to <paramref name="output"/>, then calls <paramref name="shutdownSend"/>; reads <paramref name="input"/> to EOF.</summary>
    public static async Task<TransferResult> RunAsync(Stream output, Func<Task> shutdownSend, Stream input, long bytes, int seed, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var sending = SendAsync(output, shutdownSend, bytes, seed, deadline.Token);
        var receiving = ReceiveAsync(input, deadline.Token);
        try
        {
            await Task.WhenAll(sending, receiving);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the transfer did not finish within {timeout.TotalSeconds:0} s");
        }

        var (received, receivedHash) = await receiving;
        return new TransferResult(await sending, received, receivedHash);
    }

    /// <summary>
    /// Sends <see cref="BulkBytes"/> through <paramref name="tcp"/> to an echo service, half-closes,
    /// and asserts that exactly the same bytes came back.
    /// </summary>
    public static async Task AssertEchoedAsync(System.Net.Sockets.TcpClient tcp, int seed, TimeSpan timeout)
    {
        var stream = tcp.GetStream();
        var shutdown = () =>
        {
            tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            return Task.CompletedTask;
        };
        var result = await RunAsync(stream, shutdown, stream, BulkBytes, seed, timeout);
        Assert.Equal(BulkBytes, result.ReceivedBytes);
        Assert.Equal(result.SentHash, result.ReceivedHash);
    }

    private static async Task<byte[]> SendAsync(Stream output, Func<Task> shutdownSend, long bytes, int seed, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var chunk = new byte[ChunkSize];
        for (var left = bytes; left > 0; left -= ChunkSize)
        {
            var length = (int)Math.Min(ChunkSize, left);
            random.NextBytes(chunk.AsSpan(0, length));
            hash.AppendData(chunk, 0, length);
            await output.WriteAsync(chunk.AsMemory(0, length), cancellation);
        }

        await output.FlushAsync(cancellation);
        await shutdownSend();
        return hash.GetHashAndReset();
    }

    private static async Task<(long Bytes, byte[] Hash)> ReceiveAsync(Stream input, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(chunk, cancellation)) > 0)
        {
            hash.AppendData(chunk, 0, read);
            total += read;
        }

        return (total, hash.GetHashAndReset());
    }
}

/// <summary>What a <see cref="BulkTransfer"/> sent and received.</summary>
internal sealed record TransferResult(byte[] SentHash, long ReceivedBytes, byte[] ReceivedHash);
