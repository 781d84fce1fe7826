using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HdrHistogram;

namespace Warren.LoadGen.Scenarios.Visitors;

/// <summary>
/// Visitors over HTTP/1.1 keep-alive connections to one port (the edge, or the service itself),
/// whatever host the URL names, so <c>http://NAME.localhost/</c> reaches the edge with that Host
/// header. Each visitor is a closed loop: one request, the whole response checked, the next.
/// </summary>
internal sealed class HttpLoad : IDisposable
{
    private const long HighestMicroseconds = 60_000_000;
    private readonly HttpClient _client;

    public HttpLoad(int port)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>
    /// <paramref name="visitors"/> loops for <paramref name="duration"/>, visitor i asking
    /// <paramref name="targets"/>[i % count]: latency of each request in microseconds. With a
    /// <paramref name="rate"/> (requests per second, all visitors together) each visitor sends on
    /// a schedule instead of as soon as its last answer came (an open loop), and a request's
    /// latency counts from when it was due, so a stall is not hidden by the requests it delayed.
    /// </summary>
    public async Task<LoadResult> RunAsync(IReadOnlyList<Uri> targets, int visitors, TimeSpan duration, double rate = 0)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var interval = rate > 0 ? (long)(visitors / rate * Stopwatch.Frequency) : 0;
        var loops = new Task<VisitorTally>[visitors];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < visitors; i++)
        {
            // Paced visitors start spread over one interval, so the requests do not come in waves.
            loops[i] = VisitAsync(targets[i % targets.Count], deadline, start + (interval * i / visitors), interval);
        }

        var tallies = await Task.WhenAll(loops).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var total = new LongHistogram(HighestMicroseconds, 3);
        long failed = 0;
        string? firstFailure = null;
        foreach (var tally in tallies)
        {
            total.Add(tally.Latency);
            failed += tally.Failed;
            firstFailure ??= tally.FirstFailure;
        }

        return new LoadResult(total, failed, firstFailure, seconds);
    }

    /// <summary>One GET of <paramref name="url"/>, its body hashed as it streams: seconds, or an exception when bytes differ.</summary>
    public async Task<double> DownloadAsync(Uri url, long size, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            received += read;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (received != size || !hash.GetHashAndReset().AsSpan().SequenceEqual(BytePattern.Hash(size)))
        {
            throw new InvalidDataException($"download of {size} bytes from {url}: {received} bytes arrived, or their SHA-256 differs");
        }

        return seconds;
    }

    /// <summary>True when one GET of <paramref name="url"/> answers the greeting (a tunnel is bound and routes).</summary>
    public async Task<bool> AnswersAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                && (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(HttpService.Greeting);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<VisitorTally> VisitAsync(Uri url, long deadline, long due, long interval)
    {
        var tally = new VisitorTally(new LongHistogram(HighestMicroseconds, 3));
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            if (interval > 0)
            {
                if (due > start)
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(start, due)).ConfigureAwait(false);
                }

                start = due;
                due += interval;
            }

            try
            {
                using var response = await _client.GetAsync(url).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || !body.AsSpan().SequenceEqual(HttpService.Greeting))
                {
                    throw new InvalidDataException($"{url}: status {(int)response.StatusCode}, {body.Length} bytes that are not the greeting");
                }

                // Clamped: a timer may wake a little before the request was due.
                tally.Latency.RecordValue(Math.Clamp((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds, 0, HighestMicroseconds));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidDataException)
            {
                tally.Failed++;
                tally.FirstFailure ??= e.Message;
            }
        }

        return tally;
    }

    private sealed class VisitorTally(LongHistogram latency)
    {
        public LongHistogram Latency { get; } = latency;

        public long Failed { get; set; }

        public string? FirstFailure { get; set; }
    }
}

/// <summary>What one load run measured; latencies in microseconds.</summary>
internal sealed record LoadResult(LongHistogram Latency, long Failed, string? FirstFailure, double Seconds)
{
    public double Milliseconds(double percentile) => Latency.TotalCount == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;
}
