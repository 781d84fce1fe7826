using System.Text.Json;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Nodes;

/// <summary>
/// The <c>tunnels</c> and <c>status</c> commands speak for the whole account: a session on
/// node 3 sees the tunnels its account serves from nodes 1 and 2 (through the account entity).
/// </summary>
public sealed class AccountCommandsClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TunnelsAndStatusOnNode3_ListTheAccountsTunnelsAndSessionsOnNodes1And2()
    {
        await using var nodes = await WarrenCluster.StartAsync();
        using var client = await OpenSshClient.CreateAsync();
        var (name1, name2) = (Publisher.UniqueName(), Publisher.UniqueName());
        using var onNode1 = await Publisher.StartAsync(client, nodes[1], $"{name1}:7000:127.0.0.1:9", $"listen {name1}:7000,");
        using var onNode2 = await Publisher.StartAsync(client, nodes[2], $"{name2}:7000:127.0.0.1:9", $"listen {name2}:7000,");

        var tunnels = await client.RunAsync(nodes[3].Port, command: "tunnels --json", timeout: Timeout, host: nodes[3].Host);
        var status = await client.RunAsync(nodes[3].Port, command: "status --json", timeout: Timeout, host: nodes[3].Host);

        Assert.True(tunnels.ExitCode == 0, tunnels.ToString());
        using var list = JsonDocument.Parse(tunnels.Stdout);
        var names = list.RootElement.GetProperty("tunnels").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { name1, name2 }.Order(StringComparer.Ordinal), names);
        Assert.True(status.ExitCode == 0, status.ToString());
        using var state = JsonDocument.Parse(status.Stdout);
        Assert.True(state.RootElement.GetProperty("sessions").GetProperty("count").GetInt32() == 3, status.Stdout);
    }
}
