using System.Diagnostics;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// <c>throughput</c>: one forward, bytes through it with the real OpenSSH client, against Warren
/// and against sshd in the same run on the same machine. For each cipher, forward (-L, -R 0) and
/// direction: MB/s, the server's CPU seconds per GB (its whole process tree, from /proc), and for
/// Warren the bytes its runtime allocated per MB relayed. The two servers take turns run by run,
/// so a machine that speeds up or slows down during the run affects both alike.
/// </summary>
internal sealed class ThroughputScenario(ThroughputOptions options)
{
    /// <summary>Runs that failed, with the reason; the report lists them.</summary>
    public List<string> Failures { get; } = [];

    public async Task<IReadOnlyList<ThroughputResult>> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        using var service = new ByteService();
        using var sshd = await SshdUnderTest.StartAsync(directory.Path, identity + ".pub").ConfigureAwait(false);
        using var warren = await WarrenUnderTest.StartAsync(directory.Path, identity + ".pub", service.Port).ConfigureAwait(false);
        IServerUnderTest[] servers = [sshd, warren];

        var results = new List<ThroughputResult>();
        var length = options.MegabytesPerRun * 1024L * 1024;
        foreach (var cipher in options.Ciphers)
        {
            foreach (var mode in new[] { ForwardMode.Local, ForwardMode.Remote })
            {
                foreach (var server in servers)
                {
                    SshForward? forward = null;
                    try
                    {
                        forward = await SshForward.OpenAsync(server, identity, cipher, mode, service.Port).ConfigureAwait(false);
                        // A short warm-up: JIT, the first window growth, TCP slow start; not measured.
                        await MeasureAsync(server, forward.Port, options.WarmUpBytes, Direction.Upload, cipher, mode).ConfigureAwait(false);
                        foreach (var direction in new[] { Direction.Upload, Direction.Download })
                        {
                            var result = await MeasureAsync(server, forward.Port, length, direction, cipher, mode).ConfigureAwait(false);
                            results.Add(result);
                            Console.Error.WriteLine($"  {result.Server,-6} {ShortCipher(cipher),-18} {ModeText(mode),-5} {direction,-8} {result.MegabytesPerSecond,8:0.0} MB/s  {result.CpuSecondsPerGigabyte,6:0.00} CPU s/GB");
                        }
                    }
                    catch (Exception e) when (e is IOException or InvalidDataException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
                    {
                        // One failed forward is a finding for the report, not the end of the run.
                        Console.Error.WriteLine($"  {server.Name,-6} {ShortCipher(cipher),-18} {ModeText(mode),-5} failed: {e.Message}\n{forward?.Output}");
                        Failures.Add($"{server.Name} {ShortCipher(cipher)} {ModeText(mode)}: {e.Message}");
                    }
                    finally
                    {
                        forward?.Dispose();
                    }
                }
            }
        }

        return results;
    }

    public static string ShortCipher(string cipher) => cipher.Replace("@openssh.com", string.Empty, StringComparison.Ordinal);

    public static string ModeText(ForwardMode mode) => mode == ForwardMode.Local ? "-L" : "-R 0";

    private static async Task<ThroughputResult> MeasureAsync(IServerUnderTest server, int port, long length, Direction direction, string cipher, ForwardMode mode)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var allocatedBefore = await server.AllocatedBytesAsync().ConfigureAwait(false);
        var cpuBefore = ProcessTree.TreeSeconds(server.ProcessId);
        var clock = Stopwatch.StartNew();
        var transfer = direction == Direction.Upload
            ? Transfer.UploadAsync(port, length, timeout.Token)
            : Transfer.DownloadAsync(port, length, timeout.Token);
        await transfer.ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = ProcessTree.TreeSeconds(server.ProcessId) - cpuBefore;
        var allocatedAfter = await server.AllocatedBytesAsync().ConfigureAwait(false);
        long? allocated = allocatedBefore is { } before && allocatedAfter is { } after ? after - before : null;
        return new ThroughputResult(server.Name, cipher, mode, direction, length, seconds, cpu, allocated);
    }
}

/// <summary>What the throughput scenario runs.</summary>
internal sealed record ThroughputOptions(IReadOnlyList<string> Ciphers, int MegabytesPerRun)
{
    public long WarmUpBytes => Math.Min(32, MegabytesPerRun) * 1024L * 1024;
}

/// <summary>Which way the bytes go, seen from the visitor.</summary>
internal enum Direction
{
    Upload,
    Download,
}

/// <summary>One measured transfer.</summary>
internal sealed record ThroughputResult(string Server, string Cipher, ForwardMode Mode, Direction Direction, long Bytes, double Seconds, double CpuSeconds, long? AllocatedBytes)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public double CpuSecondsPerGigabyte => CpuSeconds / (Bytes / 1e9);

    public double? AllocatedBytesPerMegabyte => AllocatedBytes is { } allocated ? allocated / (Bytes / 1e6) : null;
}
