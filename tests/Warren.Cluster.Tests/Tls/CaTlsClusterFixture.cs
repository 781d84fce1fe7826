using Warren.Cluster.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary>
/// Three nodes with relay-link TLS checked against a CA (<c>--relay-tls-ca</c>): nodes 1 and 2
/// have certificates of their own, both signed by the cluster's CA; node 3's is signed by another
/// CA, though it trusts the cluster's.
/// </summary>
public sealed class CaTlsClusterFixture : RelayTlsClusterFixture
{
    internal override IReadOnlyList<string>[] NodeFlags(RelayCertificates certificates)
    {
        using var clusterCa = certificates.Authority("cluster-ca");
        using var otherCa = certificates.Authority("other-ca");
        return
        [
            certificates.Issued(clusterCa, "node-1", trusted: "cluster-ca"),
            certificates.Issued(clusterCa, "node-2", trusted: "cluster-ca"),
            certificates.Issued(otherCa, "node-3", trusted: "cluster-ca"),
        ];
    }
}
