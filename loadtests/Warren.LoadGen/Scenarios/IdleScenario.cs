using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// <c>idle</c>: N sessions, each holding one <c>-R 0</c> forward and otherwise idle, against Warren
/// and then sshd: the time to establish them all, the server's memory per session (PSS of its
/// process tree, measured after establishing minus before), and whether every tunnel still
/// answers at the end (a visitor to each allocated port gets its ping echoed by the session).
/// Sessions come from many source addresses in 127.0.0.0/8, so the count is not capped by one
/// address's ephemeral ports.
/// </summary>
internal sealed class IdleScenario(IdleOptions options)
{
    private static readonly byte[] Ping = "ping from a visitor\n"u8.ToArray();

    public List<string> Failures { get; } = [];

    public async Task<IReadOnlyList<IdleResult>> RunAsync()
    {
        using var directory = new TemporaryDirectory();
        var identity = Path.Combine(directory.Path, "client_ed25519");
        await SshKeys.GenerateAsync(identity).ConfigureAwait(false);
        var key = KeyFile.Load(identity);
        var results = new List<IdleResult>();
        using (var warren = await WarrenUnderTest.StartAsync(directory.Path, identity + ".pub", permittedPort: 9, WarrenUnderTest.ManySessions(options.Sessions)).ConfigureAwait(false))
        {
            results.Add(await MeasureAsync(warren, key).ConfigureAwait(false));
        }

        if (options.Sessions > options.SshdMaxSessions)
        {
            // sshd forks a process per session: past a few thousand it takes many minutes and most of the memory.
            Console.Error.WriteLine($"  sshd   skipped: {options.Sessions} sessions is more than --sshd-max {options.SshdMaxSessions}");
            return results;
        }

        using (var sshd = await SshdUnderTest.StartAsync(directory.Path, identity + ".pub").ConfigureAwait(false))
        {
            results.Add(await MeasureAsync(sshd, key).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IdleResult> MeasureAsync(IServerUnderTest server, IHostKey key)
    {
        var sessions = new List<IdleSession>(options.Sessions);
        try
        {
            var before = ProcessTree.TreeProportionalBytes(server.ProcessId);
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            using var gate = new SemaphoreSlim(options.Concurrency);
            var memory = new List<IdleMemoryPoint>();
            var settling = TimeSpan.Zero;
            var next = 0;
            foreach (var checkpoint in Checkpoints(options.Sessions))
            {
                var opening = new List<Task<IdleSession?>>(checkpoint - next);
                for (; next < checkpoint; next++)
                {
                    opening.Add(OpenOneAsync(server, key, Source(next), gate, timeout.Token));
                }

                foreach (var session in await Task.WhenAll(opening).ConfigureAwait(false))
                {
                    if (session is not null)
                    {
                        sessions.Add(session);
                    }
                }

                // Let the server settle (GC, lazily freed buffers) before reading its memory; not counted as establishing.
                var pause = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(checkpoint == options.Sessions ? 2 : 1)).ConfigureAwait(false);
                memory.Add(new IdleMemoryPoint(sessions.Count, ProcessTree.TreeProportionalBytes(server.ProcessId)));
                Console.Error.WriteLine($"  {server.Name,-6} {sessions.Count}/{options.Sessions} sessions: {memory[^1].ProportionalBytes / 1048576.0:0} MiB");
                settling += pause.Elapsed;
            }

            var establishSeconds = (clock.Elapsed - settling).TotalSeconds;
            var after = memory[^1].ProportionalBytes;
            var answering = await CountAnsweringAsync(sessions, timeout.Token).ConfigureAwait(false);
            var result = new IdleResult(server.Name, options.Sessions, sessions.Count, answering, establishSeconds,
                (after - before) / (double)Math.Max(1, sessions.Count), before, memory);
            Console.Error.WriteLine($"  {server.Name,-6} {sessions.Count}/{options.Sessions} sessions in {establishSeconds:0.0} s, {result.BytesPerSession / 1024:0.0} KiB each, {answering} tunnels answer");
            return result;
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<IdleSession?> OpenOneAsync(IServerUnderTest server, IHostKey key, IPAddress source, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await IdleSession.OpenAsync(server.SshPort, source, server.User, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or OperationCanceledException or Warren.Ssh.SshProtocolException or Warren.Ssh.SshConnectionClosedException)
        {
            lock (Failures)
            {
                if (Failures.Count < 5)
                {
                    Failures.Add($"{server.Name}: session from {source}: {e.Message}");
                }
            }

            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<int> CountAnsweringAsync(List<IdleSession> sessions, CancellationToken cancellationToken)
    {
        var answering = 0;
        foreach (var session in sessions)
        {
            if (await AnswersAsync((int)session.Port, cancellationToken).ConfigureAwait(false))
            {
                answering++;
            }
        }

        return answering;
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var visitor = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await visitor.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            var stream = visitor.GetStream();
            await stream.WriteAsync(Ping, timeout.Token).ConfigureAwait(false);
            var echo = new byte[Ping.Length];
            await stream.ReadExactlyAsync(echo, timeout.Token).ConfigureAwait(false);
            return echo.AsSpan().SequenceEqual(Ping);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Session counts at which memory is read: five steps up to the total, for the memory chart.</summary>
    private static IEnumerable<int> Checkpoints(int sessions)
    {
        const int Steps = 5;
        var last = 0;
        for (var step = 1; step <= Steps; step++)
        {
            var count = sessions * step / Steps;
            if (count > last)
            {
                last = count;
                yield return count;
            }
        }
    }

    private static IPAddress Source(int index) => new([127, (byte)(1 + (index / 62500)), (byte)(index / 250 % 250), (byte)(2 + (index % 250))]);
}

/// <summary>What the idle scenario runs.</summary>
internal sealed record IdleOptions(int Sessions, int Concurrency, int SshdMaxSessions);

/// <summary>The server's memory (PSS of its process tree) with this many sessions established.</summary>
internal sealed record IdleMemoryPoint(int Sessions, long ProportionalBytes);

/// <summary>One server's idle-session figures; memory before any session and at each checkpoint.</summary>
internal sealed record IdleResult(string Server, int Asked, int Established, int Answering, double EstablishSeconds, double BytesPerSession,
    long BaselineBytes, IReadOnlyList<IdleMemoryPoint> Memory)
{
    /// <summary>
    /// Bytes per session between the first and the last memory reading: what one more session
    /// costs, without the one-time growth (JIT, pools, first-use) that the first sessions pay.
    /// </summary>
    public double? MarginalBytesPerSession =>
        Memory.Count >= 2 && Memory[^1].Sessions > Memory[0].Sessions
            ? (Memory[^1].ProportionalBytes - Memory[0].ProportionalBytes) / (double)(Memory[^1].Sessions - Memory[0].Sessions)
            : null;
}
