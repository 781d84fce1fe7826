using Warren.Cluster.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Tls;

/// <summary>
/// Three nodes with relay-link TLS and no CA: nodes 1 and 2 share one self-signed certificate
/// (the "one certificate for the whole cluster" setup); node 3 has a certificate of its own, which
/// the others do not trust.
/// </summary>
public sealed class PinnedTlsClusterFixture : RelayTlsClusterFixture
{
    internal override IReadOnlyList<string>[] NodeFlags(RelayCertificates certificates)
    {
        var shared = certificates.SelfSigned("warren-cluster");
        return [shared, shared, certificates.SelfSigned("warren-stranger")];
    }
}
