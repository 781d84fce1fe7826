using System.Globalization;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;

namespace Warren.LoadGen.Scenarios.Visitors;

/// <summary>
/// <c>visitors</c>: N HTTP tunnels (<c>ssh -R NAME:80:...</c>, the real OpenSSH client) to one
/// local HTTP service, and many concurrent visitors making short requests through Warren's HTTP
/// edge (<c>Host: NAME.localhost</c>), against the same service reached directly in the same run:
/// requests/s and latency p50/p99/p999, the added latency (edge minus direct), and bytes/s of one
/// large download each way.
/// </summary>
internal sealed class VisitorsScenario(VisitorsOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public List<string> Failures { get; } = [];

    public async Task<VisitorsFigures> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        await using var service = await HttpService.StartAsync().ConfigureAwait(false);
        // All the tunnels' ssh clients connect at once from 127.0.0.1: the pre-auth limits are raised, as for the other scenarios.
        string[] edgeLimits = [.. WarrenUnderTest.ManyStartups, "--edge-max-connections-per-address", (options.Visitors + 100).ToString(CultureInfo.InvariantCulture)];
        using var warren = await WarrenUnderTest.StartAsync(directory.Path, identity + ".pub", permittedPort: 9, edgeLimits).ConfigureAwait(false);
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, options.Tunnels).Select(i => $"v{i}-{run}").ToArray();
        var tunnels = names.Select(name => SshForward.Publish(warren, identity, name, 80, service.Port)).ToArray();
        try
        {
            using var edge = new HttpLoad(warren.HttpPort);
            using var direct = new HttpLoad(service.Port);
            var edgeTargets = names.Select(name => new Uri($"http://{name}.localhost:{warren.HttpPort}/")).ToArray();
            Uri[] directTargets = [new($"http://127.0.0.1:{service.Port}/")];
            await WaitForTunnelsAsync(edge, edgeTargets, tunnels).ConfigureAwait(false);

            // Warm-up on both paths: JIT, connections opened, Kestrel's and the edge's pools filled.
            await direct.RunAsync(directTargets, options.Visitors, options.WarmUp).ConfigureAwait(false);
            await edge.RunAsync(edgeTargets, options.Visitors, options.WarmUp).ConfigureAwait(false);
            var directRun = Summarize("direct", await direct.RunAsync(directTargets, options.Visitors, options.Duration).ConfigureAwait(false));
            var edgeRun = Summarize("edge", await edge.RunAsync(edgeTargets, options.Visitors, options.Duration).ConfigureAwait(false));

            // Closed loops saturate the machine, so their latency is queueing; the paced runs show what the edge adds below saturation.
            var directPaced = Summarize("direct, paced", await direct.RunAsync(directTargets, options.Visitors, options.Duration, options.Rate).ConfigureAwait(false));
            var edgePaced = Summarize("edge, paced", await edge.RunAsync(edgeTargets, options.Visitors, options.Duration, options.Rate).ConfigureAwait(false));

            var download = options.DownloadMegabytes * 1024L * 1024;
            var downloadPath = $"/download?size={download.ToString(CultureInfo.InvariantCulture)}";
            var directDownload = await DownloadAsync("direct", direct, new Uri(directTargets[0], downloadPath), download).ConfigureAwait(false);
            var edgeDownload = await DownloadAsync("edge", edge, new Uri(edgeTargets[0], downloadPath), download).ConfigureAwait(false);
            return new VisitorsFigures(options.Tunnels, options.Visitors, options.Duration.TotalSeconds, options.Rate, directRun, edgeRun, directPaced, edgePaced, directDownload, edgeDownload);
        }
        finally
        {
            foreach (var tunnel in tunnels)
            {
                tunnel.Dispose();
            }
        }
    }

    private static async Task WaitForTunnelsAsync(HttpLoad edge, Uri[] targets, SshForward[] tunnels)
    {
        var deadline = DateTime.UtcNow + Timeout;
        for (var i = 0; i < targets.Length; i++)
        {
            using var cancel = new CancellationTokenSource(Timeout);
            while (!await edge.AnswersAsync(targets[i], cancel.Token).ConfigureAwait(false))
            {
                if (!tunnels[i].IsRunning || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"tunnel {targets[i].Host} never answered through the edge; ssh:\n{tunnels[i].Output}");
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private VisitorsRun Summarize(string path, LoadResult result)
    {
        if (result.FirstFailure is { } failure)
        {
            Failures.Add($"{path}: {result.Failed} failed requests, the first: {failure}");
        }

        var run = new VisitorsRun(path, result.Latency.TotalCount, result.Failed, result.Seconds, result.Latency.TotalCount / result.Seconds,
            result.Milliseconds(50), result.Milliseconds(99), result.Milliseconds(99.9), result.Milliseconds(100), LatencyPercentile.Of(result.Latency, 1000));
        Console.Error.WriteLine($"  {path,-13} {run.RequestsPerSecond,9:0} req/s  p50 {run.P50Milliseconds:0.000} ms  p99 {run.P99Milliseconds:0.000} ms  p999 {run.P999Milliseconds:0.000} ms  {run.Failed} failed");
        return run;
    }

    private async Task<VisitorsDownload?> DownloadAsync(string path, HttpLoad load, Uri url, long size)
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var seconds = await load.DownloadAsync(url, size, cancel.Token).ConfigureAwait(false);
            var result = new VisitorsDownload(path, size, seconds, size / 1e6 / seconds);
            Console.Error.WriteLine($"  {path,-6} download {size / 1048576} MiB: {result.MegabytesPerSecond:0.0} MB/s, intact");
            return result;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            Failures.Add($"{path} download: {e.Message}");
            return null;
        }
    }
}

/// <summary>What the visitors scenario runs.</summary>
internal sealed record VisitorsOptions(int Tunnels, int Visitors, TimeSpan Duration, int DownloadMegabytes, int Rate)
{
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Min(3, Duration.TotalSeconds / 2));
}

/// <summary>One path's requests: through the edge or straight to the service.</summary>
internal sealed record VisitorsRun(string Path, long Requests, long Failed, double Seconds, double RequestsPerSecond,
    double P50Milliseconds, double P99Milliseconds, double P999Milliseconds, double MaxMilliseconds, IReadOnlyList<LatencyPercentile> Distribution);

/// <summary>One large download: bytes, seconds, MB/s (checked by SHA-256).</summary>
internal sealed record VisitorsDownload(string Path, long Bytes, double Seconds, double MegabytesPerSecond);

/// <summary>The visitors scenario's figures, with the added latency (edge minus direct).</summary>
internal sealed record VisitorsFigures(int Tunnels, int Visitors, double SecondsPerPath, int PacedRate, VisitorsRun Direct, VisitorsRun Edge,
    VisitorsRun DirectPaced, VisitorsRun EdgePaced, VisitorsDownload? DirectDownload, VisitorsDownload? EdgeDownload)
{
    /// <summary>What the edge adds to each percentile (edge minus direct) in the closed-loop runs, at saturation.</summary>
    public VisitorsAdded Saturated => VisitorsAdded.Between(Direct, Edge);

    /// <summary>What the edge adds in the paced runs, below saturation: the figure the goal is about.</summary>
    public VisitorsAdded Paced => VisitorsAdded.Between(DirectPaced, EdgePaced);
}

/// <summary>Milliseconds the edge adds at p50, p99 and p999.</summary>
internal sealed record VisitorsAdded(double P50Milliseconds, double P99Milliseconds, double P999Milliseconds)
{
    public static VisitorsAdded Between(VisitorsRun direct, VisitorsRun edge) =>
        new(edge.P50Milliseconds - direct.P50Milliseconds, edge.P99Milliseconds - direct.P99Milliseconds, edge.P999Milliseconds - direct.P999Milliseconds);
}
