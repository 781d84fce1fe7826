using Akka.Actor;
using Warren.Relay.Cluster;

namespace Warren.Cluster.Tests.Entities;

/// <summary>The "account" entity as the cluster-wide session index, in a cluster of one.</summary>
public sealed class AccountSessionIndexTests : OneNodeClusterKit
{
    private IActorRef Accounts => ClusterTunnels.AccountRegion(Sys);

    [Fact]
    public void Register_UnderTheLimit_RegisteredAndListed()
    {
        var session = CreateTestProbe();

        Accounts.Tell(Registration("alice", session, "conn-1", limit: 2));

        Assert.Equal(session.Ref, ExpectMsg<SessionRegistered>(Wait).Session);
        Accounts.Tell(new ListAccount("alice"));
        var listed = Assert.Single(ExpectMsg<AccountIndex>(Wait).Sessions);
        Assert.Equal(("conn-1", "node-a"), (listed.SessionId, listed.Node));
    }

    [Fact]
    public void Register_OverTheLimit_RefusedWithTheReason_AndAReadmitIsNot()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var readmitted = CreateTestProbe();
        Accounts.Tell(Registration("bob", first, "conn-1", limit: 1));
        ExpectMsg<SessionRegistered>(Wait);

        Accounts.Tell(Registration("bob", second, "conn-2", limit: 1));
        Accounts.Tell(Registration("bob", readmitted, "conn-3", limit: 1) with { Readmit = true });

        Assert.Equal("too many sessions", ExpectMsg<SessionRegistrationRefused>(Wait).Reason);
        Assert.Equal(readmitted.Ref, ExpectMsg<SessionRegistered>(Wait).Session);
    }

    [Fact]
    public void SessionStops_ItLeavesTheIndex_AndTheLimitHasRoomAgain()
    {
        var session = CreateTestProbe();
        Accounts.Tell(Registration("carol", session, "conn-1", limit: 1));
        ExpectMsg<SessionRegistered>(Wait);

        Sys.Stop(session.Ref);

        var next = CreateTestProbe();
        AwaitAssert(
            () =>
            {
                Accounts.Tell(Registration("carol", next, "conn-2", limit: 1));
                Assert.Equal(next.Ref, ExpectMsg<SessionRegistered>(TimeSpan.FromSeconds(1)).Session);
            },
            Wait);
        Accounts.Tell(new ListAccount("carol"));
        Assert.Equal("conn-2", Assert.Single(ExpectMsg<AccountIndex>(Wait).Sessions).SessionId);
    }

    private static RegisterSession Registration(string account, IActorRef session, string id, int limit) =>
        new(account, session, id, "node-a", "127.0.0.1:50000", DateTimeOffset.UnixEpoch, limit, "too many sessions", Readmit: false);
}
