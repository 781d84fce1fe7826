using System.Net;
using Warren.Server.Discovery;

namespace Warren.Server.Tests.Discovery;

public sealed class ContactPointWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    [Fact]
    public void Observe_EnoughPodsStableForTheMargin_Ready()
    {
        var watch = new ContactPointWatch(2, Margin);

        Assert.False(watch.Observe(Pods(1, 2), Start));
        Assert.False(watch.Observe(Pods(1, 2), Start + TimeSpan.FromSeconds(4)));
        Assert.True(watch.Observe(Pods(1, 2), Start + Margin));
    }

    [Fact]
    public void Observe_FewerThanRequired_NeverReady()
    {
        var watch = new ContactPointWatch(3, Margin);

        Assert.False(watch.Observe(Pods(1, 2), Start));
        Assert.False(watch.Observe(Pods(1, 2), Start + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Observe_SetChanges_MarginStartsAgain()
    {
        var watch = new ContactPointWatch(2, Margin);
        watch.Observe(Pods(1, 2), Start);

        Assert.False(watch.Observe(Pods(1, 2, 3), Start + Margin));
        Assert.True(watch.Changed);
        Assert.False(watch.Observe(Pods(1, 2, 3), Start + Margin + TimeSpan.FromSeconds(4)));
        Assert.False(watch.Changed);
        Assert.True(watch.Observe(Pods(1, 2, 3), Start + Margin + Margin));
    }

    private static List<PodEndPoint> Pods(params int[] lastOctets) =>
        [.. lastOctets.Select(octet => new PodEndPoint(IPAddress.Parse("10.0.0." + octet), 4053))];
}
