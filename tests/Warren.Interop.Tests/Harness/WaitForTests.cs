using System.Net;
using System.Net.Sockets;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

public sealed class WaitForTests
{
    [Fact]
    public async Task PortOpenAsync_Listening_Completes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await WaitFor.PortOpenAsync("127.0.0.1", port, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PortOpenAsync_NothingListening_ThrowsTimeoutNamingPort()
    {
        var port = FreePort.Get();

        var e = await Assert.ThrowsAsync<TimeoutException>(
            () => WaitFor.PortOpenAsync("127.0.0.1", port, TimeSpan.FromMilliseconds(300)));

        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionAsync_BecomesTrue_Completes()
    {
        var calls = 0;

        await WaitFor.ConditionAsync(() => ++calls >= 3, TimeSpan.FromSeconds(10), "three calls");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task ConditionAsync_NeverTrue_ThrowsTimeoutWithDescription()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(
            () => WaitFor.ConditionAsync(() => false, TimeSpan.FromMilliseconds(200), "the impossible"));

        Assert.Contains("the impossible", e.Message, StringComparison.Ordinal);
    }
}
