using Warren.Cluster.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary>A three-node cluster whose nodes get relay-TLS flags from <see cref="NodeFlags"/>; the certificates live as long as the cluster.</summary>
public abstract class RelayTlsClusterFixture : IAsyncLifetime, IDisposable
{
    private readonly RelayCertificates _certificates = new();
    private WarrenCluster? _cluster;

    internal WarrenCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        var flags = NodeFlags(_certificates);
        _cluster = await WarrenCluster.StartAsync(nodeArgs: node => flags[node - 1]);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        _certificates.Dispose();
    }

    public void Dispose()
    {
        _certificates.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The relay-TLS flags of nodes 1, 2 and 3, made with <paramref name="certificates"/>.</summary>
    internal abstract IReadOnlyList<string>[] NodeFlags(RelayCertificates certificates);
}
