using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Observability;

/// <summary>
/// The metrics port of the built warren, scraped while the real OpenSSH client logs in, fails
/// to log in and moves bytes through a tunnel; the text passes <c>promtool check metrics</c>,
/// and the dashboard and alert rules name only metrics a node exports.
/// </summary>
public sealed partial class MetricsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Metrics_SessionWithTunnelAndFailedLogin_CountersMoveAsTheSessionDid()
    {
        using var good = await OpenSshClient.CreateAsync();
        using var bad = await OpenSshClient.CreateAsync();
        using var keys = new TempDirectory();
        using var warren = await StartWithAuthorizedKeyAsync(good, keys);
        var before = await MetricsScrape.GetAsync(warren.MetricsPort);

        var refused = await bad.RunAsync(warren.Port, timeout: Timeout);
        Assert.True(refused.ExitCode == 255, refused.ToString());

        // One session publishes an alias tunnel (-R) and reaches it itself (-L): bytes cross the relay twice each way.
        using var service = new TcpEchoServer();
        var name = "m" + Guid.NewGuid().ToString("N")[..12];
        var localPort = FreePort.Get();
        using (var ssh = good.StartBackground(
            warren.Port,
            ["ExitOnForwardFailure=yes"],
            ["-N", "-R", $"{name}:5432:127.0.0.1:{service.Port}", "-L", $"127.0.0.1:{localPort}:{name}:5432"]))
        {
            await ssh.Output.WaitForTextAsync("remote forward success", Timeout);
            await ssh.Output.WaitForTextAsync($"Local connections to 127.0.0.1:{localPort} forwarded", Timeout);
            var during = await MetricsScrape.GetAsync(warren.MetricsPort);
            Assert.Equal(before.Sum("warren_sessions_active") + 1, during.Sum("warren_sessions_active"));
            Assert.Equal(before.Sum("warren_tunnels_active", "kind=\"alias\"") + 1, during.Sum("warren_tunnels_active", "kind=\"alias\""));

            var (sent, received) = await EchoRoundTrip.RunAsync(localPort, Megabyte, Timeout);
            Assert.Equal(SHA256.HashData(sent), SHA256.HashData(received));
            await ssh.TerminateAsync(Timeout);
        }

        var after = await WaitForScrapeAsync(
            warren.MetricsPort,
            s => s.Sum("warren_sessions_closed_total") > before.Sum("warren_sessions_closed_total"),
            "the session to be counted as closed");

        Assert.Equal(1, after.Sum("warren_sessions_opened_total") - before.Sum("warren_sessions_opened_total"));
        Assert.Equal(1, after.Sum("warren_sessions_closed_total") - before.Sum("warren_sessions_closed_total"));
        Assert.Equal(before.Sum("warren_sessions_active"), after.Sum("warren_sessions_active"));
        Assert.Equal(before.Sum("warren_tunnels_active"), after.Sum("warren_tunnels_active"));
        Assert.Equal(before.Sum("warren_channels_active"), after.Sum("warren_channels_active"));
        Assert.Equal(1, after.Sum("warren_auth_failures_total", "method=\"publickey\"") - before.Sum("warren_auth_failures_total", "method=\"publickey\""));
        Assert.Equal(1, after.Sum("warren_auth_attempts_total", "result=\"success\"") - before.Sum("warren_auth_attempts_total", "result=\"success\""));
        Assert.Equal(2, after.Sum("warren_ssh_handshake_duration_seconds_count") - before.Sum("warren_ssh_handshake_duration_seconds_count"));

        // Up the tunnel and back: the visitor's megabyte in and out, the service's echo in and out.
        foreach (var direction in new[] { "in", "out" })
        {
            var moved = after.Sum("warren_relayed_bytes_total", $"direction=\"{direction}\"", "edge=\"ssh\"")
                - before.Sum("warren_relayed_bytes_total", $"direction=\"{direction}\"", "edge=\"ssh\"");
            Assert.True(moved >= 2 * Megabyte, $"{moved} bytes relayed {direction}, expected at least {2 * Megabyte}");
        }

        var promtool = await Promtool.CheckMetricsAsync(after.Text);
        Assert.True(promtool.ExitCode == 0, promtool.ToString());
    }

    [Fact]
    public async Task DashboardAndAlertRules_NameOnlyMetricsANodeExports()
    {
        using var good = await OpenSshClient.CreateAsync();
        using var bad = await OpenSshClient.CreateAsync();
        using var keys = new TempDirectory();
        using var warren = await StartWithAuthorizedKeyAsync(good, keys);

        // Labelled series appear with their first event: a failed and a good login make them.
        await bad.RunAsync(warren.Port, timeout: Timeout);
        var login = await good.RunAsync(warren.Port, command: "help", timeout: Timeout);
        Assert.True(login.ExitCode == 0, login.ToString());
        var exported = (await WaitForScrapeAsync(
            warren.MetricsPort,
            s => s.Sum("warren_auth_failures_total") >= 1 && s.Sum("warren_sessions_opened_total") >= 1,
            "the logins to be counted")).Names;

        var dashboard = RepositoryFiles.PathOf("helm/warren/dashboards/warren.json");
        var rules = RepositoryFiles.PathOf("helm/warren/alerts/warren-rules.yaml");
        var expressions = DashboardExpressions(JsonDocument.Parse(await File.ReadAllTextAsync(dashboard)).RootElement).ToList();
        Assert.NotEmpty(expressions);
        expressions.Add(await File.ReadAllTextAsync(rules));
        var named = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(named.Where(n => !exported.Contains(n)).Order(StringComparer.Ordinal));

        // The per-tunnel series are an opt-in (--metrics-per-tunnel): off, the default series stay label-bounded.
        Assert.DoesNotContain("warren_tunnel_relayed_bytes_total", exported);
        Assert.Contains("warren_cluster_shards_hosted", exported);
        var check = await Promtool.CheckRulesAsync(rules);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task HealthAndReadiness_RunningNode_AnswerOkAndAdminIsOff()
    {
        using var warren = await WarrenProcess.StartAsync(["--anonymous"]);
        using var http = new HttpClient { Timeout = Timeout };

        var healthz = await http.GetAsync(Url(warren, "/healthz"));
        var readyz = await http.GetAsync(Url(warren, "/readyz"));
        var admin = await http.GetAsync(Url(warren, "/admin/sessions"));

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.Contains("--admin-token-file", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"metrics on http://127.0.0.1:{warren.MetricsPort}", warren.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MetricsPortInUse_ExitsWithCode2AndTheFix()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        using var data = new TempDirectory("warren-data-");

        var result = await WarrenProcess.RunToExitAsync(
            ["serve", "--ssh-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--metrics-listen", $"127.0.0.1:{port}", "--data-dir", data.Path],
            Timeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"--metrics-listen: cannot listen on 127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("choose another --metrics-listen", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_LogFormatJson_WritesOneJsonObjectPerEventWithItsEventId()
    {
        using var warren = await WarrenProcess.StartAsync(["--anonymous", "--log-format", "json"]);

        // Event 1000: the SSH listener actor is up.
        await warren.Output.WaitForTextAsync("\"EventId\":1000", Timeout);
        var line = warren.Output.ToString().Split('\n').First(l => l.Contains("\"EventId\":1000", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Warren.Ssh", json.RootElement.GetProperty("Category").GetString());
        Assert.StartsWith("SSH listening on 127.0.0.1:", json.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    private const int Megabyte = 1024 * 1024;

    internal static Uri Url(WarrenProcess warren, string path) => new($"http://127.0.0.1:{warren.MetricsPort}{path}");

    private static async Task<WarrenProcess> StartWithAuthorizedKeyAsync(OpenSshClient client, TempDirectory directory)
    {
        var authorizedKeys = directory.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorizedKeys, client.Identity.PublicKey + "\n");
        return await WarrenProcess.StartAsync(["--authorized-keys", authorizedKeys]);
    }

    private static async Task<MetricsScrape> WaitForScrapeAsync(int port, Func<MetricsScrape, bool> condition, string description)
    {
        MetricsScrape? last = null;
        await WaitFor.ConditionAsync(
            async _ =>
            {
                last = await MetricsScrape.GetAsync(port);
                return condition(last);
            },
            Timeout,
            description);
        return last!;
    }

    /// <summary>Every Prometheus expression of a Grafana dashboard: the <c>expr</c> of each target, and the variables' queries.</summary>
    private static IEnumerable<string> DashboardExpressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name is "expr" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }

                foreach (var inner in DashboardExpressions(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in DashboardExpressions(item))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?:warren|dotnet|process)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
