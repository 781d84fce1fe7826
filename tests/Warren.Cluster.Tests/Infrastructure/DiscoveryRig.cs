using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// What a Kubernetes discovery test needs: the stand-in API, a token file it accepts, the
/// cluster-config file that points the nodes at it, and three nodes (not started) using it.
/// </summary>
internal sealed class DiscoveryRig : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("warren-k8s-");

    public DiscoveryRig(int requiredPods)
    {
        Api = new KubernetesApiStandIn("token-" + Guid.NewGuid().ToString("N"));
        TokenFile = _dir.Combine("token");
        File.WriteAllText(TokenFile, Api.Token);
        Nodes = WarrenCluster.ForDiscovery(Api.WriteClusterConfig(_dir.Path, TokenFile, requiredPods));
    }

    public KubernetesApiStandIn Api { get; }

    /// <summary>The service-account token file the nodes read (holding the token the API accepts).</summary>
    public string TokenFile { get; }

    public WarrenCluster Nodes { get; }

    /// <summary>Lists node <paramref name="node"/> as a Running pod.</summary>
    public void ListPod(int node) => Api.AddPod(WarrenCluster.Host(node), Nodes.ClusterPort(node));

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        Api.Dispose();
        _dir.Dispose();
    }
}
