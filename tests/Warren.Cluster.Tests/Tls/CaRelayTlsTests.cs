using Warren.Cluster.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary>
/// Relay-link TLS checked against a CA (<c>--relay-tls-ca</c>): nodes with their own certificates
/// from the cluster's CA link up; a certificate from another CA is refused by the node it dials.
/// </summary>
public sealed class CaRelayTlsTests(CaTlsClusterFixture fixture) : IClassFixture<CaTlsClusterFixture>
{
    private WarrenCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task CertificatesFromTheClusterCa_TunnelOnNode1ThroughNode2_BytesIntactOverTls13()
    {
        await RelayTlsVisits.AssertBytesCrossOverTlsAsync(Nodes, home: 1, through: 2);
    }

    [Fact]
    public async Task CertificateFromAnotherCa_VisitThroughNode3_OpenFailsAndTheTunnelsNodeLogsWhy()
    {
        await RelayTlsVisits.AssertVisitRefusedAsync(Nodes, home: 1, through: 3);

        // Node 3 trusts node 1's certificate; node 1 refuses node 3's (the client's, as the TLS server).
        await Nodes[1].Output.WaitForTextAsync("reason=TLS handshake failed: the peer's certificate CN=node-3 does not chain to --relay-tls-ca", RelayTlsVisits.Timeout);
        await Nodes[3].Output.WaitForTextAsync("relay link refused peer=127.0.0.1:", RelayTlsVisits.Timeout);
    }
}
