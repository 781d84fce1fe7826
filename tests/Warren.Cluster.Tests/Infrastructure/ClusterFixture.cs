namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>One three-node cluster shared by the tests of a class that leave every node running.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private WarrenCluster? _cluster;

    internal WarrenCluster Cluster => _cluster!;

    public async Task InitializeAsync() => _cluster = await WarrenCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
