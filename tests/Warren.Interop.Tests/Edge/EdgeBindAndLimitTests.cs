using System.Globalization;
using System.Net;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary><c>bind=replace</c> as a tunnel option, and a tunnel whose session is full answered with 503.</summary>
public sealed class EdgeBindAndLimitTests(EdgeWarrenFixture relay) : IClassFixture<EdgeWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BindReplace_SecondSessionOfTheOwner_TakesTheNameOver()
    {
        var name = HttpEdgeTests.UniqueName();
        var forward = $"{name}:80:127.0.0.1:{relay.BackendPort}";
        using var client = await OpenSshClient.CreateAsync();
        using var first = await TunnelPublisher.PublishAsync(client, relay.SshPort, [forward]);
        using var second = await OptionsPublisher.PublishAsync(client, relay.SshPort, forward, "bind=replace host-header=second.example");
        using var visitor = new EdgeVisitor(relay.HttpPort);
        var url = $"http://{name}.localhost:{relay.HttpPort.ToString(CultureInfo.InvariantCulture)}/headers";

        // A pool would alternate between the two sessions; after a takeover only the second serves.
        for (var i = 0; i < 4; i++)
        {
            var text = await visitor.Client.GetStringAsync(url).WaitAsync(Timeout);
            Assert.Contains("Host: second.example\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SessionFull_AnotherVisitor_503()
    {
        await using var backend = await EdgeBackend.StartAsync();
        using var full = await WarrenProcess.StartAsync(["--anonymous", "--max-channels-per-session", "1"]);
        await WaitFor.PortOpenAsync("127.0.0.1", full.HttpPort, Timeout);
        var name = HttpEdgeTests.UniqueName();
        using var client = await OpenSshClient.CreateAsync();
        using var publisher = await TunnelPublisher.PublishAsync(client, full.Port, [$"{name}:80:127.0.0.1:{backend.Port}"]);
        var baseUrl = $"http://{name}.localhost:{full.HttpPort.ToString(CultureInfo.InvariantCulture)}";
        using var streaming = new EdgeVisitor(full.HttpPort);
        using var other = new EdgeVisitor(full.HttpPort);

        // The event stream stays open and holds the session's one channel.
        using var events = await streaming.Client.GetAsync(baseUrl + "/sse", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var refused = await other.Client.GetAsync(baseUrl + "/hello").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }
}
