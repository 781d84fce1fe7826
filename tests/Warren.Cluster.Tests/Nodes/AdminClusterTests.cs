using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// The admin API and the per-account session limit across three nodes: one account's sessions on
/// node 1 and node 2 are listed by node 3, counted against one limit, disconnected through
/// node 3, and leave the lists and the account's index when their node is killed.
/// </summary>
public sealed class AdminClusterTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Failure detection, the split-brain resolver's stable-after and the removal (see NodeDepartureTests).
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OneAccountOnTwoNodes_Node3ListsLimitsDisconnects_AndAKilledNodesSessionsLeave()
    {
        using var directory = new TempDirectory();
        var tokenFile = directory.Combine("admin-token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        await using var nodes = await WarrenCluster.StartAsync(["--admin-token-file", tokenFile, "--max-sessions-per-account", "2"]);
        using var client = await OpenSshClient.CreateAsync();
        using var http = new HttpClient { Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var (name1, name2) = (Publisher.UniqueName(), Publisher.UniqueName());
        using var onNode1 = await Publisher.StartAsync(client, nodes[1], $"{name1}:7000:127.0.0.1:9", $"listen {name1}:7000,");
        using var onNode2 = await Publisher.StartAsync(client, nodes[2], $"{name2}:7000:127.0.0.1:9", $"listen {name2}:7000,");
        var node1 = await NodeNameAsync(nodes[1]);
        var node2 = await NodeNameAsync(nodes[2]);

        // Node 3 lists both sessions and both tunnels, each with its node.
        using var sessions = await GetJsonAsync(http, nodes[3], "/admin/sessions");
        var rows = sessions.RootElement.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal([node1, node2], rows.Select(r => r.GetProperty("node").GetString()).Order(StringComparer.Ordinal));
        var account = rows[0].GetProperty("account").GetString()!;
        var session1 = rows.Single(r => r.GetProperty("node").GetString() == node1).GetProperty("sessionId").GetString()!;
        using var tunnels = await GetJsonAsync(http, nodes[3], "/admin/tunnels");
        var tunnelNodes = tunnels.RootElement.GetProperty("tunnels").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("node").GetString());
        Assert.Equal(node1, tunnelNodes[name1]);
        Assert.Equal(node2, tunnelNodes[name2]);
        Assert.Equal(2, (await AccountSessionsAsync(http, nodes[3], account)).Count);

        // A third session of the account, on node 3, is over the cluster-wide limit of 2.
        var third = await client.RunAsync(nodes[3].Port, command: "help", timeout: Timeout, host: nodes[3].Host);
        Assert.NotEqual(0, third.ExitCode);
        Assert.Contains("too many sessions for account", third.Stderr, StringComparison.Ordinal);

        // Node 3 disconnects the session on node 1; its ssh client hears why.
        var disconnect = await http.PostAsync(Url(nodes[3], $"/admin/sessions/{session1}/disconnect?node={node1}"), content: null);
        Assert.Equal(HttpStatusCode.Accepted, disconnect.StatusCode);
        await onNode1.WaitForExitAsync(Timeout);
        Assert.Contains("disconnected by the relay's administrator", onNode1.Output.ToString(), StringComparison.Ordinal);

        // Node 2 dies: its session leaves node 3's list and the account's index, so the account has room again.
        await nodes.KillAsync(2);
        await WaitFor.ConditionAsync(
            async _ => (await SessionNodesAsync(http, nodes[3])).Count == 0,
            RecoveryTimeout,
            "node 3's admin API to list no session after node 1's was disconnected and node 2 was killed");
        // The entity may have lived on node 2: until its shard moves, the question goes unanswered (503).
        await WaitFor.ConditionAsync(
            async ct => (await http.GetAsync(Url(nodes[3], AccountPath(account)), ct)).StatusCode == HttpStatusCode.OK
                && (await AccountSessionsAsync(http, nodes[3], account)).Count == 0,
            RecoveryTimeout,
            "the account entity to drop the killed node's session");
        var again = await client.RunAsync(nodes[3].Port, command: "help", timeout: Timeout, host: nodes[3].Host);
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    private static Uri Url(WarrenProcess node, string path) => new($"http://{node.Host}:{node.MetricsPort}{path}");

    /// <summary>The node's cluster address as the admin API names it (from the line warren prints at start).</summary>
    private static async Task<string> NodeNameAsync(WarrenProcess node)
    {
        const string Marker = "cluster node akka.tcp://warren@";
        await node.Output.WaitForTextAsync(Marker, Timeout);
        var line = node.Output.ToString().Split('\n').First(l => l.Contains(Marker, StringComparison.Ordinal));
        return line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim();
    }

    private static async Task<List<string>> SessionNodesAsync(HttpClient http, WarrenProcess node)
    {
        using var sessions = await GetJsonAsync(http, node, "/admin/sessions");
        return [.. sessions.RootElement.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("node").GetString()!)];
    }

    private static async Task<List<string>> AccountSessionsAsync(HttpClient http, WarrenProcess node, string account)
    {
        using var index = await GetJsonAsync(http, node, AccountPath(account));
        return [.. index.RootElement.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("node").GetString() + "/" + s.GetProperty("sessionId").GetString())];
    }

    private static string AccountPath(string account) => "/admin/account?name=" + Uri.EscapeDataString(account);

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, WarrenProcess node, string path)
    {
        var response = await http.GetAsync(Url(node, path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
