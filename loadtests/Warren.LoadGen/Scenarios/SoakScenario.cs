using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// <c>soak</c>: churn against Warren for a set time — workers that each, over and over, open a
/// session holding one <c>-R 0</c> forward, send a few visitors through it, and close it — then
/// check that the node came back to its baseline: open sockets, pipes and event descriptors, outstanding pooled
/// buffers (from /metrics) and memory (PSS), before the churn and after it ended and settled.
/// </summary>
internal sealed class SoakScenario(SoakOptions options)
{
    private static readonly byte[] Ping = "soak visitor\n"u8.ToArray();
    private long _cycles;
    private long _visitors;
    private long _failures;

    public List<string> Failures { get; } = [];

    public async Task<SoakResult> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        var key = KeyFile.Load(identity);
        using var warren = await WarrenUnderTest.StartAsync(directory.Path, identity + ".pub", permittedPort: 9, WarrenUnderTest.ManySessions(options.Workers)).ConfigureAwait(false);

        // One cycle per worker first, so the baseline includes JIT and first-use allocations.
        await ChurnAsync(warren, key, DateTime.UtcNow).ConfigureAwait(false);
        var baseline = await SnapshotAsync(warren).ConfigureAwait(false);
        var baselineKinds = FileDescriptorKinds(warren.ProcessId);
        var clock = Stopwatch.StartNew();
        await ChurnAsync(warren, key, DateTime.UtcNow + options.Duration).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = await SettleAsync(warren, baseline).ConfigureAwait(false);
        var result = new SoakResult(seconds, _cycles, _visitors, _failures, baseline, after);
        if (after.FileDescriptors > baseline.FileDescriptors)
        {
            // What the extra descriptors are (sockets, pipes, epoll, files) says where to look.
            Console.Error.WriteLine($"  descriptors not back: {baselineKinds} before, {FileDescriptorKinds(warren.ProcessId)} after");
        }

        Console.Error.WriteLine($"  {_cycles} session cycles, {_visitors} visitors, {_failures} failures in {seconds:0} s");
        return result;
    }

    private async Task ChurnAsync(IServerUnderTest server, IHostKey key, DateTime until)
    {
        var workers = new Task[options.Workers];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkerAsync(server, key, new IPAddress([127, 3, (byte)(i / 250), (byte)(2 + (i % 250))]), until);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(IServerUnderTest server, IHostKey key, IPAddress source, DateTime until)
    {
        do
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await using var session = await IdleSession.OpenAsync(server.SshPort, source, server.User, key, timeout.Token).ConfigureAwait(false);
                for (var visitor = 0; visitor < options.VisitorsPerSession; visitor++)
                {
                    await VisitAsync((int)session.Port, timeout.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref _visitors);
                }

                Interlocked.Increment(ref _cycles);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or OperationCanceledException or InvalidDataException or Warren.Ssh.SshProtocolException or Warren.Ssh.SshConnectionClosedException)
            {
                if (Interlocked.Increment(ref _failures) <= 5)
                {
                    lock (Failures)
                    {
                        Failures.Add($"{e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }
        while (DateTime.UtcNow < until);
    }

    private static async Task VisitAsync(int port, CancellationToken cancellationToken)
    {
        using var visitor = new TcpClient();
        await visitor.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        var stream = visitor.GetStream();
        await stream.WriteAsync(Ping, cancellationToken).ConfigureAwait(false);
        var echo = new byte[Ping.Length];
        await stream.ReadExactlyAsync(echo, cancellationToken).ConfigureAwait(false);
        if (!echo.AsSpan().SequenceEqual(Ping))
        {
            throw new InvalidDataException("a visitor's echo came back different");
        }
    }

    /// <summary>Waits (up to 30 s) for descriptors and buffers to come back to the baseline, then takes the final snapshot.</summary>
    private static async Task<SoakSnapshot> SettleAsync(WarrenUnderTest warren, SoakSnapshot baseline)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var now = await SnapshotAsync(warren).ConfigureAwait(false);
            if ((now.FileDescriptors <= baseline.FileDescriptors && now.OutstandingBuffers <= baseline.OutstandingBuffers) || DateTime.UtcNow > deadline)
            {
                return now;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }

    /// <summary>The process's descriptors counted by kind ("socket", "pipe", "anon_inode:[eventpoll]", or "file").</summary>
    private static string FileDescriptorKinds(int pid)
    {
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            string target;
            try
            {
                target = new FileInfo(fd).LinkTarget ?? "?";
            }
            catch (IOException)
            {
                continue;
            }

            var kind = target.StartsWith('/') ? "file" : target.Split(':')[0] is var head && head == "anon_inode" ? target : head;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        return string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"));
    }

    /// <summary>
    /// Descriptors that are not files: sockets, pipes, epoll and event descriptors. Files are left
    /// out because the runtime opens assemblies and libraries on first use and keeps them.
    /// </summary>
    private static int NonFileDescriptors(int pid)
    {
        var count = 0;
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && !target.StartsWith('/'))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while being looked at.
            }
        }

        return count;
    }

    private static async Task<SoakSnapshot> SnapshotAsync(WarrenUnderTest warren)
    {
        // Scrape first: the scrape's own keep-alive connection is then in every count alike.
        var outstanding = await warren.MetricAsync("warren_buffer_pool_outstanding_buffers").ConfigureAwait(false);
        return new SoakSnapshot(NonFileDescriptors(warren.ProcessId), outstanding, ProcessTree.TreeProportionalBytes(warren.ProcessId));
    }
}

/// <summary>What the soak scenario runs.</summary>
internal sealed record SoakOptions(int Workers, TimeSpan Duration, int VisitorsPerSession);

/// <summary>The node's resources at one moment; a metric the node does not export is null.</summary>
internal sealed record SoakSnapshot(int FileDescriptors, double? OutstandingBuffers, long ProportionalBytes);

/// <summary>What the churn did and the node before and after.</summary>
internal sealed record SoakResult(double Seconds, long Cycles, long Visitors, long Failures, SoakSnapshot Baseline, SoakSnapshot After);
