using System.Globalization;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>Many visitors at once through many tunnels of one ssh client: every answer comes from the right tunnel.</summary>
public sealed class EdgeScaleTests(EdgeWarrenFixture relay) : IClassFixture<EdgeWarrenFixture>
{
    private const int Tunnels = 50;
    private const int Visitors = 1000;
    private const int TunnelsPerAccount = 20;

    [Fact]
    public async Task Visitors_1000ConcurrentThrough50Tunnels_AllAnswersRight()
    {
        var prefix = HttpEdgeTests.UniqueName()[..8];
        var names = Enumerable.Range(0, Tunnels).Select(i => $"{prefix}-{i}").ToArray();
        var clients = new List<OpenSshClient>();
        var publishers = new List<BackgroundProcess>();
        try
        {
            // An account may have 20 tunnels: three ssh clients (three anonymous accounts) carry the 50.
            foreach (var chunk in names.Chunk(TunnelsPerAccount))
            {
                var client = await OpenSshClient.CreateAsync();
                clients.Add(client);
                publishers.Add(await TunnelPublisher.PublishAsync(
                    client, relay.SshPort, chunk.Select(name => $"{name}:80:127.0.0.1:{relay.BackendPort}").ToArray(), TimeSpan.FromSeconds(60)));
            }

            await VisitAllAsync(names);
        }
        finally
        {
            publishers.ForEach(p => p.Dispose());
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task VisitAllAsync(string[] names)
    {
        using var visitor = new EdgeVisitor(relay.HttpPort);
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, Visitors).Select(async i =>
        {
            await start.WaitAsync();
            var name = names[i % Tunnels];
            var token = i.ToString(CultureInfo.InvariantCulture);
            var url = $"http://{name}.localhost:{relay.HttpPort}/hello?token={token}";
            var body = await visitor.Client.GetStringAsync(url);
            return (Expected: $"hello {name}.localhost:{relay.HttpPort} {token}", Actual: body);
        }).ToArray();
        start.Release(Visitors);
        var answers = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(240));

        Assert.All(answers, answer => Assert.Equal(answer.Expected, answer.Actual));
    }
}
