using Warren.Cluster.Tests.Infrastructure;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Discovery;

/// <summary>
/// Three real warren processes on 127.0.0.1, .2 and .3 started with cluster-config/kubernetes.hocon
/// and no --seed-node: they find each other only through the (stand-in) Kubernetes API.
/// </summary>
public sealed class KubernetesDiscoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Discovery_ThreePodsListed_FormOneCluster()
    {
        await using var rig = new DiscoveryRig(requiredPods: 3);
        var nodes = rig.Nodes;
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            rig.ListPod(node);
        }

        await StartAllAsync(nodes);
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            await nodes.WaitUpAsync(node);
        }

        // Every node counts the same three members Up: one cluster, not three of one.
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            await WaitMembersUpAsync(nodes[node], 3);
            Assert.Contains("joining the seed nodes akka.tcp://warren@127.0.0.1:", nodes[node].Output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Discovery_FewerPodsThanRequired_NoClusterUntilTheThirdAppears()
    {
        await using var rig = new DiscoveryRig(requiredPods: 3);
        var (api, nodes) = (rig.Api, rig.Nodes);
        rig.ListPod(1);
        rig.ListPod(2);

        await StartAllAsync(nodes);
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            await nodes[node].Output.WaitForTextAsync("2 pod(s) found, 3 required", Timeout);
        }

        // Many look-ups beyond the stable margin (1 s at 200 ms a poll, three nodes): had two
        // pods been enough, the nodes would have joined by now.
        var seen = api.Requests;
        await WaitFor.ConditionAsync(() => api.Requests >= seen + 40, Timeout, "forty more look-ups of the pod list");
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            Assert.False(nodes[node].Output.Contains("cluster member up"), $"node {node} formed a cluster with two of three pods");
            Assert.False(nodes[node].Output.Contains("joining the seed nodes"), $"node {node} joined with two of three pods");
        }

        rig.ListPod(3);
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            await nodes.WaitUpAsync(node);
        }

        await WaitMembersUpAsync(nodes[1], 3);
        await WaitMembersUpAsync(nodes[3], 3);
    }

    [Fact]
    public async Task Discovery_RefusedThenMalformedThenFailingAnswers_LoggedAndRetriedUntilTheNodeJoins()
    {
        await using var rig = new DiscoveryRig(requiredPods: 1);
        var (api, nodes) = (rig.Api, rig.Nodes);
        File.WriteAllText(rig.TokenFile, "a-token-the-api-refuses");
        rig.ListPod(1);

        await nodes.StartNodeAsync(1, waitUntilUp: false);
        var output = nodes[1].Output;
        await output.WaitForTextAsync("answered 401 Unauthorized (the service-account token was refused", Timeout);

        // The node reads its token file again on every look-up, as it must for rotated tokens.
        api.Answer = KubernetesApiStandIn.Mode.MalformedJson;
        File.WriteAllText(rig.TokenFile, api.Token);
        await output.WaitForTextAsync("the pod list is not JSON", Timeout);

        api.Answer = KubernetesApiStandIn.Mode.ServerError;
        await output.WaitForTextAsync("answered 500", Timeout);
        Assert.False(nodes[1].HasExited, "a bad answer from the API stopped the node:\n" + output);
        Assert.False(output.Contains("cluster member up"), "the node joined without a pod list");

        api.Answer = KubernetesApiStandIn.Mode.Pods;
        await nodes.WaitUpAsync(1);
    }

    private static async Task StartAllAsync(WarrenCluster nodes)
    {
        for (var node = 1; node <= WarrenCluster.Size; node++)
        {
            await nodes.StartNodeAsync(node, waitUntilUp: false);
        }
    }

    private static async Task WaitMembersUpAsync(WarrenProcess node, int members)
    {
        var seen = -1.0;
        try
        {
            await WaitFor.ConditionAsync(
                async _ => (seen = (await MetricsScrape.GetAsync(node.MetricsPort, node.Host)).Sum("warren_cluster_members", "status=\"up\"")) == members,
                Timeout,
                $"{node.Host} to count {members} cluster members up");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message} It counts {seen}. Its output:\n{node.Output}", exception);
        }
    }
}
