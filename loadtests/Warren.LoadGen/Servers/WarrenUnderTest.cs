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

    private WarrenUnderTest(ChildProcess process, int sshPort, int metricsPort)
    {
        _process = process;
        SshPort = sshPort;
        _metricsPort = metricsPort;
    }

    public string Name => "warren";

    public int SshPort { get; }

    public string User => "loadgen";

    public int ProcessId => _process.Id;

    /// <summary>Pre-auth limits raised past the load's concurrency, as sshd's config below raises its own.</summary>
    public static IReadOnlyList<string> ManyStartups { get; } = ["--max-startups", "10000", "--per-source-max-startups", "10000"];

    /// <summary>For N sessions of one account: the per-account limits raised past N, and the pre-auth ones.</summary>
    public static IReadOnlyList<string> ManySessions(int sessions) =>
        [.. ManyStartups, "--max-sessions-per-account", (sessions + 10).ToString(CultureInfo.InvariantCulture)];

    public static async Task<WarrenUnderTest> StartAsync(string directory, string clientPublicKeyFile, int permittedPort, IReadOnlyList<string>? extraArguments = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "warren.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the load generator (it references Warren.Server)");
        }

        var data = Path.Combine(directory, "warren-data");
        Directory.CreateDirectory(data);
        var authorizedKeys = Path.Combine(data, "authorized_keys");
        File.Copy(clientPublicKeyFile, authorizedKeys, overwrite: true);
        var sshPort = FreeTcpPort.Get();
        var metricsPort = FreeTcpPort.Get();
        string[] arguments =
        [
            dll, "serve",
            "--data-dir", data,
            "--ssh-listen", "127.0.0.1:" + sshPort.ToString(CultureInfo.InvariantCulture),
            "--authorized-keys", authorizedKeys,
            "--permit-open", "127.0.0.1:" + permittedPort.ToString(CultureInfo.InvariantCulture),
            "--http-listen", "127.0.0.1:" + FreeTcpPort.Get().ToString(CultureInfo.InvariantCulture),
            "--metrics-listen", "127.0.0.1:" + metricsPort.ToString(CultureInfo.InvariantCulture),
            .. extraArguments ?? [],
        ];
        var process = ChildProcess.Start("dotnet", arguments);
        try
        {
            await FreeTcpPort.WaitOpenAsync(sshPort, TimeSpan.FromSeconds(60), () => process.HasExited, "warren").ConfigureAwait(false);
        }
        catch
        {
            Console.Error.WriteLine(process.Output);
            process.Dispose();
            throw;
        }

        return new WarrenUnderTest(process, sshPort, metricsPort);
    }

    /// <summary>From /metrics (<c>dotnet_gc_allocated_bytes_total</c>), when the node exports it.</summary>
    public async Task<long?> AllocatedBytesAsync() =>
        await MetricAsync("dotnet_gc_allocated_bytes_total").ConfigureAwait(false) is { } value ? (long)value : null;

    /// <summary>The value of an unlabelled metric from /metrics, or null when the node does not export it.</summary>
    public async Task<double?> MetricAsync(string name)
    {
        string text;
        try
        {
            text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPort}/metrics")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }

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

    public void Dispose() => _process.Dispose();
}
