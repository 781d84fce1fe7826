using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// A client that never reads (PROTOCOL-NOTES §4: CVE-2025-22869, CVE-2021-30129): it opens a
/// channel to a service that writes without end, grants the largest window SSH allows, and then
/// reads nothing. The relay's writes to it stall; after the send timeout (2 s here, 60 s by
/// default) the session is dropped and every pooled buffer it held goes back.
/// </summary>
public sealed class SlowReaderTests(AbuseWarrenFixture relay) : IClassFixture<AbuseWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ClientThatNeverReads_HugeWindow_IsDroppedAfterSendTimeoutAndBuffersReturn()
    {
        await using var client = await HostileClient.LoginAsync(relay.Port);

        await client.SendAsync(AbuseMessage.DirectTcpip(0, "127.0.0.1", (uint)relay.EndlessPort, window: uint.MaxValue));

        await relay.Output.WaitForTextAsync("send timeout conn=", Timeout);
        var closed = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (true)
            {
                await client.ReceiveAsync();
            }
        });
        Assert.True(closed is SshConnectionClosedException or IOException, closed.ToString());
        await WaitFor.ConditionAsync(
            async _ => (await MetricsScrape.GetAsync(relay.MetricsPort)).Sum("warren_buffer_pool_outstanding_buffers") == 0,
            Timeout,
            "every pooled buffer back once the stalled session ended");
    }
}
