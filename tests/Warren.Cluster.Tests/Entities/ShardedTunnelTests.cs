using Akka.Actor;
using Warren.Relay.Tunnels;

namespace Warren.Cluster.Tests.Entities;

/// <summary>The "tunnel" and "account" entities behind a node's tunnel front, in a cluster of one.</summary>
public sealed class ShardedTunnelTests() : OneNodeClusterKit(new TunnelOptions { MaxTunnelsPerAccount = 2, HoldFor = TimeSpan.Zero })
{
    [Fact]
    public void Bind_FreeName_BoundToTheSessionAndResolvable()
    {
        var session = CreateTestProbe();
        var backend = Backend(session, "myapp");

        Tunnels.Tell(new BindTunnel("MyApp", "alice", backend), session);
        var bound = session.ExpectMsg<TunnelBound>(Wait);
        Tunnels.Tell(new ResolveTunnel("myapp", "alice"));
        var resolved = ExpectMsg<TunnelResolved>(Wait);

        Assert.Equal("myapp", bound.Name);
        Assert.Equal(backend, resolved.Backend);
    }

    [Fact]
    public void Bind_SameNameByTwoAccounts_OneWinsTheOtherIsRefused()
    {
        var alice = CreateTestProbe();
        var bob = CreateTestProbe();

        Tunnels.Tell(new BindTunnel("race", "alice", Backend(alice, "race")), alice);
        Tunnels.Tell(new BindTunnel("race", "bob", Backend(bob, "race")), bob);

        // Each bind passes through its own account's entity, so either may reach the tunnel first.
        var answers = new[] { alice.ExpectMsg<object>(Wait), bob.ExpectMsg<object>(Wait) };
        Assert.Single(answers.OfType<TunnelBound>());
        Assert.Equal("tunnel 'race' belongs to another account", Assert.Single(answers.OfType<TunnelBindRefused>()).Reason);
    }

    [Fact]
    public void Bind_OverTheAccountLimit_RefusedWithTheLimit()
    {
        var session = CreateTestProbe();
        Tunnels.Tell(new BindTunnel("one", "carol", Backend(session, "one")), session);
        Tunnels.Tell(new BindTunnel("two", "carol", Backend(session, "two")), session);
        session.ExpectMsg<TunnelBound>(Wait);
        session.ExpectMsg<TunnelBound>(Wait);

        Tunnels.Tell(new BindTunnel("three", "carol", Backend(session, "three")), session);

        Assert.StartsWith("too many tunnels for account 'carol'", session.ExpectMsg<TunnelBindRefused>(Wait).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_AfterAnUnbind_TheLimitHasRoomAgain()
    {
        var session = CreateTestProbe();
        var one = Backend(session, "first");
        Tunnels.Tell(new BindTunnel("first", "dave", one), session);
        Tunnels.Tell(new BindTunnel("second", "dave", Backend(session, "second")), session);
        session.ExpectMsg<TunnelBound>(Wait);
        session.ExpectMsg<TunnelBound>(Wait);

        Tunnels.Tell(new UnbindTunnel("first", one), session);
        session.ExpectMsg<TunnelUnbound>(Wait);

        // The account entity hears of the release from the tunnel, a moment after the reply.
        AwaitAssert(
            () =>
            {
                Tunnels.Tell(new BindTunnel("third", "dave", Backend(session, "third")), session);
                session.ExpectMsg<TunnelBound>(TimeSpan.FromSeconds(1));
            },
            Wait);
    }

    [Fact]
    public void SessionStops_ItsBackendIsDroppedAtOnce()
    {
        var session = CreateTestProbe();
        Tunnels.Tell(new BindTunnel("gone", "erin", Backend(session, "gone")), session);
        session.ExpectMsg<TunnelBound>(Wait);

        Sys.Stop(session.Ref);

        AwaitAssert(
            () =>
            {
                Tunnels.Tell(new ResolveTunnel("gone", "erin"));
                ExpectMsg<TunnelNotFound>(TimeSpan.FromSeconds(1));
            },
            Wait);
    }

    [Fact]
    public void EntityLost_TheNodesRouterBindsAgain_AndTheNameResolves()
    {
        var session = CreateTestProbe();
        var backend = Backend(session, "phoenix");
        Tunnels.Tell(new BindTunnel("phoenix", "frank", backend), session);
        session.ExpectMsg<TunnelBound>(Wait);
        var entity = session.LastSender;

        // As if its shard were handed off or its node lost: the entity stops with its state.
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity, Wait);

        AwaitAssert(
            () =>
            {
                Tunnels.Tell(new ResolveTunnel("phoenix", "frank"));
                Assert.Equal(backend, ExpectMsg<TunnelResolved>(TimeSpan.FromSeconds(1)).Backend);
            },
            Wait);
    }
}
