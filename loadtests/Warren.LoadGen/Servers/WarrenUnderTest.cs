using System.Globalization;
using Warren.LoadGen.Infrastructure;

namespace Warren.LoadGen.Servers;

/// <summary>
/// The built <c>warren serve</c> (warren.dll beside this tool), on free loopback ports, with the
/// client's key authorized and the load generator's service as the one permitted real host.
/// </summary>
internal sealed class WarrenUnderTest : IServerUnderTest
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ChildProcess _process;
    private readonly int _metricsPort;

    private WarrenUnderTest(ChildProcess process, string host, int sshPort, int httpPort, int metricsPort)
    {
        _process = process;
        Host = host;
        SshPort = sshPort;
        HttpPort = httpPort;
        _metricsPort = metricsPort;
    }

    public string Name => "warren";

    public string Host { get; }

    public int SshPort { get; }

    /// <summary>The HTTP edge: visitors ask for <c>Host: NAME.localhost</c> here.</summary>
    public int HttpPort { get; }

    /// <summary>What the node printed so far.</summary>
    public string Output => _process.Output;

    public string User => "loadgen";

    public int ProcessId => _process.Id;

    /// <summary>Pre-auth limits raised past the load's concurrency, as sshd's config below raises its own.</summary>
    public static IReadOnlyList<string> ManyStartups { get; } = ["--max-startups", "10000", "--per-source-max-startups", "10000"];

    /// <summary>For N sessions of one account: the per-account limits raised past N, and the pre-auth ones.</summary>
    public static IReadOnlyList<string> ManySessions(int sessions) =>
        [
            .. ManyStartups,
            "--max-sessions-per-account", (sessions + 10).ToString(CultureInfo.InvariantCulture),
            "--max-tunnels-per-account", (sessions + 10).ToString(CultureInfo.InvariantCulture),
            // Below Linux's ephemeral range (32768-60999), so 20,000 forwards fit beside the clients' own ports.
            "--forward-ports", "10000-32767",
        ];

    /// <summary>
    /// Starts <c>warren serve</c> on <paramref name="host"/> (a loopback address) and waits for its SSH port.
    /// </summary>
    public static async Task<WarrenUnderTest> StartAsync(string directory, string clientPublicKeyFile, int permittedPort, IReadOnlyList<string>? extraArguments = null, string host = "127.0.0.1")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "warren.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the load generator (it references Warren.Server)");
        }

        var sshPort = FreeTcpPort.Get();
        var httpPort = FreeTcpPort.Get();
        var metricsPort = FreeTcpPort.Get();
        var data = Path.Combine(directory, $"warren-data-{host}-{sshPort}");
        Directory.CreateDirectory(data);
        var authorizedKeys = Path.Combine(data, "authorized_keys");
        File.Copy(clientPublicKeyFile, authorizedKeys, overwrite: true);
        string[] arguments =
        [
            dll, "serve",
            "--data-dir", data,
            "--ssh-listen", Address(host, sshPort),
            "--authorized-keys", authorizedKeys,
            "--permit-open", Address("127.0.0.1", permittedPort),
            "--http-listen", Address(host, httpPort),
            "--metrics-listen", Address(host, metricsPort),
            .. extraArguments ?? [],
        ];
        var process = ChildProcess.Start("dotnet", arguments);
        try
        {
            // Warren's own word rather than an open port: a port another process took between
            // FreeTcpPort.Get and warren's bind would answer for a warren that is about to exit.
            // The metrics line comes after every listener is bound.
            var ready = $"metrics on http://{Address(host, metricsPort)} (";
            await process.WaitForLineAsync(line => line.Contains(ready, StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"'{ready}'").ConfigureAwait(false);
        }
        catch
        {
            Console.Error.WriteLine(process.Output);
            process.Dispose();
            throw;
        }

        return new WarrenUnderTest(process, host, sshPort, httpPort, metricsPort);
    }

    public static string Address(string host, int port) => host + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Waits until the node prints <paramref name="text"/> (e.g. "cluster member up").</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        _process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout, $"'{text}'");

    /// <summary>kill -9: no leave, no hand-off, sockets reset by the kernel.</summary>
    public void Kill() => _process.Dispose();

    /// <summary>From /metrics (<c>dotnet_gc_allocated_bytes_total</c>), when the node exports it.</summary>
    public async Task<long?> AllocatedBytesAsync() =>
        await MetricAsync("dotnet_gc_allocated_bytes_total").ConfigureAwait(false) is { } value ? (long)value : null;

    /// <summary>The value of an unlabelled metric from /metrics, or null when the node does not export it.</summary>
    public async Task<double?> MetricAsync(string name)
    {
        var text = await MetricsTextAsync().ConfigureAwait(false);

        var prefix = name + " ";
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The whole /metrics page, or empty when the node does not answer.</summary>
    public async Task<string> MetricsTextAsync()
    {
        try
        {
            return await Http.GetStringAsync(new Uri($"http://{Host}:{_metricsPort}/metrics")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return string.Empty;
        }
    }

    public void Dispose() => _process.Dispose();
}
