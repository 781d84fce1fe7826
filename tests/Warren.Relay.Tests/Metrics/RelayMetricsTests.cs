using System.Buffers.Binary;
using System.Globalization;
using Prometheus;
using Warren.Relay.Metrics;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Tests.Metrics;

/// <summary>
/// Metrics read back from the default registry. Other tests in the process move the same
/// counters, so these assert "went up by at least" or read metrics that only they touch.
/// </summary>
public sealed class RelayMetricsTests
{
    [Fact]
    public async Task CountChannelData_DataAndExtendedData_AddTheirDataLengthOnly()
    {
        var data = new byte[9 + 1000];
        data[0] = 94;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(5), 1000);
        var extended = new byte[13 + 500];
        extended[0] = 95;
        BinaryPrimitives.WriteUInt32BigEndian(extended.AsSpan(9), 500);
        var before = await SampleAsync("warren_relayed_bytes_total{direction=\"in\",edge=\"ssh\"}");

        RelayMetrics.CountChannelData(data, inbound: true);
        RelayMetrics.CountChannelData(extended, inbound: true);
        RelayMetrics.CountChannelData(new byte[] { 94, 0, 0 }, inbound: true);
        RelayMetrics.CountChannelData([], inbound: true);

        Assert.True(await SampleAsync("warren_relayed_bytes_total{direction=\"in\",edge=\"ssh\"}") - before >= 1500);
    }

    [Fact]
    public async Task ObservePool_RentedBuffers_ShowAsOutstandingAtScrape()
    {
        var pool = new PacketBufferPool(maxOutstanding: 7, dataCapacity: 1024);
        RelayMetrics.ObservePool(pool);
        Assert.True(pool.TryRent(out var buffer));

        Assert.Equal(7, await SampleAsync("warren_buffer_pool_max_buffers"));
        Assert.Equal(1, await SampleAsync("warren_buffer_pool_outstanding_buffers"));
        Assert.Equal(pool.BufferSize, await SampleAsync("warren_buffer_pool_allocated_bytes"));
        buffer.Return();
        Assert.Equal(0, await SampleAsync("warren_buffer_pool_outstanding_buffers"));
    }

    [Fact]
    public async Task ClusterPlaceholders_SingleNode_OneMemberUpNoneUnreachable()
    {
        Assert.Equal(1, await SampleAsync("warren_cluster_members{status=\"up\"}"));
        Assert.Equal(0, await SampleAsync("warren_cluster_members{status=\"leaving\"}"));
        Assert.Equal(0, await SampleAsync("warren_cluster_unreachable_members"));
    }

    private static async Task<double> SampleAsync(string series)
    {
        using var stream = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        foreach (var line in System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{series} is not in the scrape");
    }
}
