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

    private WarrenProcess(Process process, TempDirectory dataDir, string host, int port, int httpPort, int metricsPort, OutputBuffer output)
    {
        _process = process;
        Host = host;
        _dataDir = dataDir;
        Port = port;
        HttpPort = httpPort;
        MetricsPort = metricsPort;
        Output = output;
    }

    /// <summary>The loopback address every listener binds (127.0.0.1 unless the test chose another, e.g. 127.0.0.2).</summary>
    public string Host { get; }

    /// <summary>The SSH port on <see cref="Host"/>.</summary>
    public int Port { get; }

    public int HttpPort { get; }

    public int MetricsPort { get; }

    public string DataDir => _dataDir.Path;

    /// <summary>Stdout and stderr of warren, interleaved by line.</summary>
    public OutputBuffer Output { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

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
        TimeSpan? startTimeout = null,
        string host = "127.0.0.1")
    {
        var args = extraArgs?.ToList() ?? [];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(args, environment, startTimeout, host);
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
        TimeSpan? startTimeout,
        string host)
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
                "--ssh-listen", Listen(host, port),
                "--http-listen", Listen(host, httpPort),
                "--metrics-listen", Listen(host, metricsPort),
                "--data-dir", dataDir.Path,
                .. extraArgs ?? [],
            ];
            process = ProcessRunner.Start(DotnetHost, args, output, output, ChildEnvironment(environment));
            var started = process;

            // Warren's own word, not open ports: another test's process can take a port between
            // FreePort.Get and warren's bind, and a probe would then find that process listening
            // (a metrics port taken that way would pass for a warren that is about to exit, and the
            // test's ssh would meet a dying server: the likely cause of two first logins that failed in CI). The metrics line comes after every listener is
            // bound and the SSH accept loop runs; a failed bind exits the process instead.
            var ready = $"metrics on http://{host}:{metricsPort} (";
            await WaitFor.ConditionAsync(
                () => started.HasExited || output.Contains(ready),
                startTimeout ?? DefaultStartTimeout,
                $"warren to say \"{ready}\" (listening on {host}:{port} for SSH). Output:\n{output}");

            if (started.HasExited)
            {
                await started.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                var text = output.ToString();
                if (text.Contains("cannot listen", StringComparison.Ordinal) && text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PortTakenException(text);
                }

                throw new InvalidOperationException(
                    $"warren exited with code {started.ExitCode} before listening on {host}:{port}. Output:\n{output}");
            }

            return new WarrenProcess(started, dataDir, host, port, httpPort, metricsPort, output);
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

    /// <summary>Sends SIGKILL (kill -9: no shutdown, no goodbye to the cluster) and waits for the exit.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)], timeout);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Sends SIGTERM and waits for warren to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await SendTerminateAsync(timeout);
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends SIGTERM and returns at once: warren drains while the test looks on.</summary>
    public async Task SendTerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], timeout);
        }
    }

    /// <summary>Waits for warren to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
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

    private static string Listen(string host, int port) => host + ":" + port.ToString(CultureInfo.InvariantCulture);

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
