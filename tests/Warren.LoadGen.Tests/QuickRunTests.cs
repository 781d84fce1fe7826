using System.Diagnostics;
using System.Text.Json;

namespace Warren.LoadGen.Tests;

/// <summary>
/// <c>warren-loadgen all --quick</c> as a user runs it: every scenario small, against the real
/// warren, sshd and ssh. Asserts that each scenario ran and that its bytes arrived intact (every
/// transfer and response is checked by the tool, a mismatch fails the run), never a speed.
/// </summary>
public sealed class QuickRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private readonly string _results = Directory.CreateTempSubdirectory("warren-loadgen-").FullName;

    [Fact]
    public async Task AllQuick_EveryScenario_RunsAndWritesIntactResults()
    {
        var (exitCode, output) = await RunLoadGenAsync("all", "--quick", "--results", _results);

        Assert.True(exitCode == 0, $"warren-loadgen exited {exitCode}:\n{output}");
        using var throughput = Load("throughput");
        Assert.Equal(16, throughput.RootElement.GetProperty("figures").GetArrayLength());
        Assert.All(throughput.RootElement.GetProperty("figures").EnumerateArray(), r => Assert.True(r.GetProperty("bytes").GetInt64() > 0));

        using var handshakes = Load("handshakes");
        Assert.All(handshakes.RootElement.GetProperty("figures").EnumerateArray(), r => Assert.True(r.GetProperty("completed").GetInt64() > 0, r.ToString()));

        // sshd's figures are findings (a forked child can be too slow to answer on a busy machine); Warren's must be whole.
        using var idle = Load("idle");
        var warren = Assert.Single(idle.RootElement.GetProperty("figures").EnumerateArray(), r => r.GetProperty("server").GetString() == "warren");
        Assert.Equal(warren.GetProperty("asked").GetInt32(), warren.GetProperty("established").GetInt32());
        Assert.Equal(warren.GetProperty("established").GetInt32(), warren.GetProperty("answering").GetInt32());

        using var visitors = Load("visitors");
        var figures = visitors.RootElement.GetProperty("figures");
        Assert.True(figures.GetProperty("edge").GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, figures.GetProperty("edge").GetProperty("failed").GetInt64());
        Assert.True(figures.GetProperty("edgePaced").GetProperty("requests").GetInt64() > 0);
        Assert.Equal(0, figures.GetProperty("edgePaced").GetProperty("failed").GetInt64());
        Assert.Equal(JsonValueKind.Object, figures.GetProperty("edgeDownload").ValueKind);

        using var cluster = Load("cluster");
        Assert.Equal(4, cluster.RootElement.GetProperty("figures").GetProperty("transfers").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, cluster.RootElement.GetProperty("figures").GetProperty("failover").ValueKind);

        using var soak = Load("soak");
        Assert.True(soak.RootElement.GetProperty("figures").GetProperty("cycles").GetInt64() > 0);

        foreach (var chart in new[] { "throughput.png", "handshakes-latency.png", "idle-memory-40.png", "visitors-latency.png", "visitors-latency-paced.png" })
        {
            Assert.True(new FileInfo(Path.Combine(_results, chart)).Length > 0, $"{chart} was not drawn");
        }
    }

    [Fact]
    public async Task UnknownScenario_ExitsTwoWithTheUsage()
    {
        var (exitCode, output) = await RunLoadGenAsync("nonsense", "--results", _results);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown scenario 'nonsense'", output, StringComparison.Ordinal);
        Assert.Contains("usage: warren-loadgen", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);

    /// <summary>The scenario's one results file, checked for what every results file holds.</summary>
    private JsonDocument Load(string scenario)
    {
        var file = Assert.Single(Directory.GetFiles(_results, $"*-{scenario}.json"));
        Assert.True(File.Exists(Path.ChangeExtension(file, ".md")), $"no Markdown report beside {file}");
        var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        Assert.False(root.GetProperty("failed").GetBoolean(), root.ToString());
        Assert.True(root.GetProperty("quick").GetBoolean());
        Assert.NotEqual(string.Empty, root.GetProperty("machine").GetProperty("cpuModel").GetString());
        Assert.StartsWith("OpenSSH", root.GetProperty("machine").GetProperty("openSsh").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, root.GetProperty("loadAverageAtStart").GetArrayLength());
        return document;
    }

    private static async Task<(int ExitCode, string Output)> RunLoadGenAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "warren-loadgen.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Timeout);
            return (process.ExitCode, await stdout.WaitAsync(Timeout) + await stderr.WaitAsync(Timeout));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
