using System.Net;
using System.Text;
using Warren.Server.Discovery;

namespace Warren.Server.Tests.Discovery;

public sealed class PodListParserTests
{
    // The shape of GET /api/v1/namespaces/NS/pods, cut to the fields the parser reads (and a few it does not).
    private const string ThreePods = """
        {
          "kind": "PodList", "apiVersion": "v1", "metadata": { "resourceVersion": "42" },
          "items": [
            { "metadata": { "name": "warren-2" },
              "spec": { "containers": [ { "name": "warren", "ports": [ { "name": "ssh", "containerPort": 2222 }, { "name": "remoting", "containerPort": 4053 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.0.0.10", "conditions": [ { "type": "Ready", "status": "False" } ] } },
            { "metadata": { "name": "warren-0" },
              "spec": { "containers": [ { "name": "warren", "ports": [ { "name": "remoting", "containerPort": 4053 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.0.0.9" } },
            { "metadata": { "name": "warren-1" },
              "spec": { "containers": [ { "name": "warren", "ports": [ { "name": "remoting", "containerPort": 5000 } ] } ] },
              "status": { "phase": "Running", "podIP": "10.0.0.9" } }
          ]
        }
        """;

    [Fact]
    public void TryParse_RunningPods_SortedByAddressThenPortWithTheirNamedPort()
    {
        Assert.True(PodListParser.TryParse(Encoding.UTF8.GetBytes(ThreePods), "remoting", 1, out var pods, out var error), error);

        Assert.Equal(
            [new PodEndPoint(IPAddress.Parse("10.0.0.9"), 4053), new PodEndPoint(IPAddress.Parse("10.0.0.9"), 5000), new PodEndPoint(IPAddress.Parse("10.0.0.10"), 4053)],
            pods);
    }

    [Fact]
    public void TryParse_PodsNotRunningOrWithoutIpOrBeingDeleted_Skipped()
    {
        const string json = """
            { "kind": "PodList", "items": [
              { "status": { "phase": "Pending" } },
              { "status": { "phase": "Pending", "podIP": "10.0.0.1" } },
              { "status": { "phase": "Running" } },
              { "status": { "phase": "Running", "podIP": "not-an-ip" } },
              { "metadata": { "deletionTimestamp": "2026-11-26T07:00:00Z" }, "status": { "phase": "Running", "podIP": "10.0.0.2" } },
              { "status": { "phase": "Running", "podIP": "10.0.0.3" } }
            ] }
            """;

        Assert.True(PodListParser.TryParse(Encoding.UTF8.GetBytes(json), "remoting", 4053, out var pods, out _));

        Assert.Equal([new PodEndPoint(IPAddress.Parse("10.0.0.3"), 4053)], pods);
    }

    [Fact]
    public void TryParse_PortMissingOrOutOfRangeOrOfAnotherName_TheDefaultPort()
    {
        const string json = """
            { "items": [
              { "spec": { "containers": [ { "ports": [ { "name": "remoting", "containerPort": 70000 } ] } ] }, "status": { "phase": "Running", "podIP": "10.0.0.1" } },
              { "spec": { "containers": [ { "ports": [ { "name": "other", "containerPort": 9 } ] } ] }, "status": { "phase": "Running", "podIP": "10.0.0.2" } },
              { "spec": { "containers": "garbage" }, "status": { "phase": "Running", "podIP": "10.0.0.3" } }
            ] }
            """;

        Assert.True(PodListParser.TryParse(Encoding.UTF8.GetBytes(json), "remoting", 4053, out var pods, out _));

        Assert.All(pods, pod => Assert.Equal(4053, pod.Port));
        Assert.Equal(3, pods.Count);
    }

    [Fact]
    public void TryParse_EmptyItems_NoPods()
    {
        Assert.True(PodListParser.TryParse("""{ "kind": "PodList", "items": [] }"""u8, "remoting", 4053, out var pods, out _));
        Assert.Empty(pods);
    }

    [Fact]
    public void TryParse_ApiStatusInsteadOfAList_FailsWithItsMessage()
    {
        const string status = """{ "kind": "Status", "status": "Failure", "message": "pods is forbidden", "code": 403 }""";

        Assert.False(PodListParser.TryParse(Encoding.UTF8.GetBytes(status), "remoting", 4053, out _, out var error));

        Assert.Contains("pods is forbidden", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"items\": 7 }")]
    [InlineData("{ \"items\": [ ")]
    [InlineData("\"items\"")]
    public void TryParse_Garbage_FailsWithAReason(string garbage)
    {
        Assert.False(PodListParser.TryParse(Encoding.UTF8.GetBytes(garbage), "remoting", 4053, out var pods, out var error));

        Assert.Empty(pods);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_DeeplyNested_FailsWithoutThrowing()
    {
        var deep = "{ \"items\": [" + new string('[', 10_000) + new string(']', 10_000) + "] }";

        Assert.False(PodListParser.TryParse(Encoding.UTF8.GetBytes(deep), "remoting", 4053, out _, out var error));

        Assert.Contains("not JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ItemsThatAreNotObjects_Skipped()
    {
        Assert.True(PodListParser.TryParse("""{ "items": [ 1, "pod", null, { "status": 3 } ] }"""u8, "remoting", 4053, out var pods, out _));
        Assert.Empty(pods);
    }
}
