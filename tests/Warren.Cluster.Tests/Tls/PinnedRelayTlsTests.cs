using System.Net;
using System.Net.Sockets;
using Warren.Cluster.Tests.Infrastructure;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Tls;

/// <summary>
/// Relay-link TLS with one certificate for the whole cluster (no <c>--relay-tls-ca</c>): nodes
/// that share it carry bytes over TLS; a node with another certificate forms no link, and a
/// plain (non-TLS) dialer gets no handshake at all.
/// </summary>
public sealed class PinnedRelayTlsTests(PinnedTlsClusterFixture fixture) : IClassFixture<PinnedTlsClusterFixture>
{
    private WarrenCluster Nodes => fixture.Cluster;

    [Fact]
    public async Task SharedCertificate_TunnelOnNode1ThroughNode2_BytesIntactOverTls13()
    {
        await RelayTlsVisits.AssertBytesCrossOverTlsAsync(Nodes, home: 1, through: 2);
    }

    [Fact]
    public async Task OtherCertificate_VisitThroughNode3_OpenFailsAndBothNodesLogWhy()
    {
        await RelayTlsVisits.AssertVisitRefusedAsync(Nodes, home: 1, through: 3);

        // Node 3 dials and refuses node 1's certificate; node 1 sees the handshake fail.
        await Nodes[3].Output.WaitForTextAsync("reason=TLS handshake failed: the peer's certificate CN=warren-cluster", RelayTlsVisits.Timeout);
        Assert.Contains("without --relay-tls-ca every node must have the same --relay-tls-cert", Nodes[3].Output.ToString(), StringComparison.Ordinal);
        await Nodes[1].Output.WaitForTextAsync("relay link refused peer=", RelayTlsVisits.Timeout);
    }

    [Fact]
    public async Task PlainHandshake_ToTheTlsRelayPort_ClosedWithoutAChallenge()
    {
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(IPAddress.Parse(Nodes[1].Host), Nodes.RelayPort(1)).WaitAsync(RelayTlsVisits.Timeout);
        var stream = tcp.GetStream();

        // What a plain dialer sends: a Response frame (its nonce and proof), here all zeros.
        var payload = new byte[2 * RelayFrameCodec.NonceSize];
        var frame = new byte[RelayFrame.HeaderSize + payload.Length];
        RelayFrameCodec.Write(frame, RelayFrameType.Response, 0, payload);
        await stream.WriteAsync(frame).AsTask().WaitAsync(RelayTlsVisits.Timeout);

        // A plain listener would send its 41-byte Challenge; a TLS one closes on the bytes that are no ClientHello.
        Assert.Equal(0, await ReadOrResetAsync(stream));
        await Nodes[1].Output.WaitForTextAsync($"relay link refused peer=127.0.0.1:{((IPEndPoint)tcp.Client.LocalEndPoint!).Port} reason=TLS handshake failed", RelayTlsVisits.Timeout);
    }

    /// <summary>Bytes read before the node closed the connection (a reset counts as closed).</summary>
    private static async Task<int> ReadOrResetAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        var total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(RelayTlsVisits.Timeout)) > 0)
            {
                total += read;
            }
        }
        catch (IOException)
        {
            // Reset: the node closed with our bytes unread.
        }

        return total;
    }
}
