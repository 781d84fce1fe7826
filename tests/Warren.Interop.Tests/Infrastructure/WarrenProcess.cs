using System.Diagnostics;
using System.Globalization;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// The built <c>warren</c> as a real process: <c>dotnet warren.dll serve --ssh-listen
/// 127.0.0.1:PORT --http-listen 127.0.0.1:PORT --metrics-listen 127.0.0.1:PORT --data-dir TEMP
/// [extra args]</c>, every port free at start, so tests can run side by side. Stdout and
/// stderr go to <see cref="Output"/>. Disposing kills the process tree and deletes the data dir.
/// Variables named WARREN__* are removed from the child's environment, so a developer's
/// shell cannot change what a test sees.
/// </summary>
internal sealed class WarrenProcess : IDisposable
{
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TempDirectory _dataDir;

    private WarrenProcess(Process process, TempDirectory dataDir, int port, int httpPort, int metricsPort, OutputBuffer output)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
        HttpPort = httpPort;
        MetricsPort = metricsPort;
        Output = output;
    }

    /// <summary>The SSH port on 127.0.0.1.</summary>
    public int Port { get; }

    public int HttpPort { get; }

    public int MetricsPort { get; }

    public string DataDir => _dataDir.Path;

    /// <summary>Stdout and stderr of warren, interleaved by line.</summary>
    public OutputBuffer Output { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>warren.dll as copied into the test output by the project reference.</summary>
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "warren.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing; build the solution (dotnet build Warren.slnx) so the Warren.Server reference copies it.");
        }
    }

    /// <summary>
    /// Starts <c>warren serve</c> and waits until the SSH and metrics ports accept connections. If warren
    /// exits first, throws <see cref="InvalidOperationException"/> with its exit code and output.
    /// </summary>
    public static async Task<WarrenProcess> StartAsync(
        IEnumerable<string>? extraArgs = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? startTimeout = null)
    {
        var args = extraArgs?.ToList() ?? [];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(args, environment, startTimeout);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // A free port was taken by another process between FreePort.Get and warren's bind: new ports.
            }
        }
    }

    private static async Task<WarrenProcess> StartOnceAsync(
        IEnumerable<string>? extraArgs,
        IReadOnlyDictionary<string, string?>? environment,
        TimeSpan? startTimeout)
    {
        var dataDir = new TempDirectory("warren-data-");
        var output = new OutputBuffer();
        Process? process = null;
        try
        {
            var port = FreePort.Get();
            var httpPort = FreePort.Get();
            var metricsPort = FreePort.Get();
            List<string> args =
            [
                DllPath, "serve",
                "--ssh-listen", Loopback(port),
                "--http-listen", Loopback(httpPort),
                "--metrics-listen", Loopback(metricsPort),
                "--data-dir", dataDir.Path,
                .. extraArgs ?? [],
            ];
            process = ProcessRunner.Start(DotnetHost, args, output, output, ChildEnvironment(environment));
            var started = process;
            await WaitFor.ConditionAsync(
                async ct => started.HasExited
                    || (await WaitFor.IsPortOpenAsync("127.0.0.1", port, ct) && await WaitFor.IsPortOpenAsync("127.0.0.1", metricsPort, ct)),
                startTimeout ?? DefaultStartTimeout,
                $"warren to listen on 127.0.0.1:{port} (SSH) and 127.0.0.1:{metricsPort} (metrics). Output:\n{output}");

            // The HTTP edge binds after the SSH listener; a warren that is up listens on both.
            if (!started.HasExited)
            {
                await WaitFor.ConditionAsync(
                    async ct => started.HasExited || await WaitFor.IsPortOpenAsync("127.0.0.1", httpPort, ct),
                    startTimeout ?? DefaultStartTimeout,
                    $"warren's HTTP edge to listen on 127.0.0.1:{httpPort}. Output:\n{output}");
            }

            if (started.HasExited)
            {
                await started.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                var text = output.ToString();
                if (text.Contains("cannot listen", StringComparison.Ordinal) && text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PortTakenException(text);
                }

                throw new InvalidOperationException(
                    $"warren exited with code {started.ExitCode} before listening on 127.0.0.1:{port}. Output:\n{output}");
            }

            return new WarrenProcess(started, dataDir, port, httpPort, metricsPort, output);
        }
        catch
        {
            if (process is not null)
            {
                ProcessRunner.Kill(process);
                process.Dispose();
            }

            dataDir.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>dotnet warren.dll ARGS</c> to completion (e.g. --version, keygen).</summary>
    public static Task<ProcessResult> RunToExitAsync(IEnumerable<string> args, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(DotnetHost, [DllPath, .. args], timeout ?? TimeSpan.FromSeconds(60), ChildEnvironment(null));

    /// <summary>Sends SIGTERM and waits for warren to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], timeout);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        ProcessRunner.Kill(_process);
        _process.Dispose();
        _dataDir.Dispose();
    }

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH under dotnet test), else dotnet on PATH.</summary>
    private static string DotnetHost
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            var current = Environment.ProcessPath;
            return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }

    private static string Loopback(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> ChildEnvironment(IReadOnlyDictionary<string, string?>? extra)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("WARREN__", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>warren could not bind a port the test chose (taken meanwhile); the start is retried.</summary>
    private sealed class PortTakenException(string output) : Exception(output);
}
