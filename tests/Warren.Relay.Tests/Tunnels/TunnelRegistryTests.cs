using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

public sealed class TunnelRegistryTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    private readonly ManualClock _clock = new();

    [Fact]
    public void Bind_FreeName_BoundAndResolvable()
    {
        var registry = Registry();
        var session = CreateTestProbe();
        var backend = Backend(session, "myapp");

        registry.Tell(new BindTunnel("MyApp", "alice", backend));
        var bound = ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new ResolveTunnel("myapp", "alice"));
        var resolved = ExpectMsg<TunnelResolved>(Wait);

        Assert.Equal("myapp", bound.Name);
        Assert.Equal(TunnelKind.Http, bound.Kind);
        Assert.Equal(TunnelBindOutcome.Bound, bound.Outcome);
        Assert.Equal(backend, resolved.Backend);
    }

    [Fact]
    public void Resolve_UnknownOrInvalidName_NotFound()
    {
        var registry = Registry();

        registry.Tell(new ResolveTunnel("nothing", "alice"));
        ExpectMsg<TunnelNotFound>(Wait);
        registry.Tell(new ResolveTunnel("no.such", null));
        ExpectMsg<TunnelNotFound>(Wait);
        registry.Tell(new UnbindTunnel("nothing", Backend(CreateTestProbe(), "nothing")));
        ExpectMsg<TunnelNotFound>(Wait);
    }

    [Fact]
    public void Bind_InvalidOrReservedName_RefusedWithReason()
    {
        var registry = Registry();
        var session = CreateTestProbe();

        registry.Tell(new BindTunnel("my_app", "alice", Backend(session, "my_app")));
        Assert.Contains("not a valid tunnel name", ExpectMsg<TunnelBindRefused>(Wait).Reason, StringComparison.Ordinal);
        registry.Tell(new BindTunnel("WWW", "alice", Backend(session, "WWW")));
        Assert.Equal("tunnel name 'www' is reserved", ExpectMsg<TunnelBindRefused>(Wait).Reason);
        registry.Tell(new BindTunnel("myapp", "alice", Backend(session, "myapp", port: 0)));
        Assert.StartsWith("tunnel 'myapp' needs a port", ExpectMsg<TunnelBindRefused>(Wait).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_OtherAccount_RefusedWithReason()
    {
        var registry = Registry();
        registry.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp"), BindPolicy.Replace));

        Assert.Equal("tunnel 'myapp' belongs to another account", ExpectMsg<TunnelBindRefused>(Wait).Reason);
    }

    [Fact]
    public void Resolve_PoolOfTwo_RoundRobin()
    {
        var registry = Registry();
        var first = Backend(CreateTestProbe(), "myapp");
        var second = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", first));
        ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new BindTunnel("myapp", "alice", second));
        Assert.Equal(TunnelBindOutcome.JoinedPool, ExpectMsg<TunnelBound>(Wait).Outcome);

        var picks = new List<TunnelBackend>();
        for (var i = 0; i < 4; i++)
        {
            registry.Tell(new ResolveTunnel("myapp", null));
            picks.Add(ExpectMsg<TunnelResolved>(Wait).Backend);
        }

        Assert.Equal([first, second, first, second], picks);
    }

    [Fact]
    public void Bind_Replace_TellsReplacedSession()
    {
        var registry = Registry();
        var oldSession = CreateTestProbe();
        var old = Backend(oldSession, "myapp");
        var fresh = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", old));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("myapp", "alice", fresh, BindPolicy.Replace));

        Assert.Equal(TunnelBindOutcome.TookOver, ExpectMsg<TunnelBound>(Wait).Outcome);
        Assert.Equal(old, oldSession.ExpectMsg<TunnelTakenOver>(Wait).Backend);
        registry.Tell(new ResolveTunnel("myapp", "alice"));
        Assert.Equal(fresh, ExpectMsg<TunnelResolved>(Wait).Backend);
    }

    [Fact]
    public void SessionStopped_LastBackend_UnboundAtOnceAndOwnerRebinds()
    {
        var registry = Registry();
        var session = CreateTestProbe();
        registry.Tell(new BindTunnel("myapp", "alice", Backend(session, "myapp")));
        ExpectMsg<TunnelBound>(Wait);

        Sys.Stop(session.Ref);

        AwaitAssert(
            () =>
            {
                registry.Tell(new ResolveTunnel("myapp", "alice"));
                ExpectMsg<TunnelNotFound>(Wait);
            },
            Wait);
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBindRefused>(Wait);
        var reconnect = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", reconnect));
        Assert.Equal(TunnelBindOutcome.Bound, ExpectMsg<TunnelBound>(Wait).Outcome);
        registry.Tell(new ResolveTunnel("myapp", "alice"));
        Assert.Equal(reconnect, ExpectMsg<TunnelResolved>(Wait).Backend);
    }

    [Fact]
    public void SessionStopped_OneOfPool_OtherKeepsServing()
    {
        var registry = Registry();
        var dying = CreateTestProbe();
        var staying = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", Backend(dying, "myapp")));
        ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new BindTunnel("myapp", "alice", staying));
        ExpectMsg<TunnelBound>(Wait);

        Sys.Stop(dying.Ref);

        AwaitAssert(
            () =>
            {
                for (var i = 0; i < 2; i++)
                {
                    registry.Tell(new ResolveTunnel("myapp", "alice"));
                    Assert.Equal(staying, ExpectMsg<TunnelResolved>(Wait).Backend);
                }
            },
            Wait);
    }

    [Fact]
    public void Unbind_LastBackend_HeldForOwnerUntilClockPassesHold()
    {
        var registry = Registry();
        var backend = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", backend));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new UnbindTunnel("myapp", backend));
        ExpectMsg<TunnelUnbound>(Wait);
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBindRefused>(Wait);

        _clock.Advance(Hold);
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));

        Assert.Equal(TunnelBindOutcome.Bound, ExpectMsg<TunnelBound>(Wait).Outcome);
        registry.Tell(new ResolveTunnel("myapp", "alice"));
        ExpectMsg<TunnelRefused>(Wait);
    }

    [Fact]
    public void Unbind_ZeroHold_EntityPassivatesAndNameIsFreeForAnyone()
    {
        var registry = Registry(new TunnelOptions { HoldFor = TimeSpan.Zero });
        var backend = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", backend));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new UnbindTunnel("myapp", backend));
        ExpectMsg<TunnelUnbound>(Wait);
        // Sent without waiting: it may reach the passivating entity and must be bounced, not lost.
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));

        Assert.Equal(TunnelBindOutcome.Bound, ExpectMsg<TunnelBound>(Wait).Outcome);
        registry.Tell(new ResolveTunnel("myapp", "bob"));
        ExpectMsg<TunnelResolved>(Wait);
    }

    [Fact]
    public void Bind_OverAccountLimit_RefusedWithReasonAndFreedByUnbind()
    {
        var registry = Registry(new TunnelOptions { MaxTunnelsPerAccount = 2 });
        var session = CreateTestProbe();
        var first = Backend(session, "one");
        registry.Tell(new BindTunnel("one", "alice", first));
        ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new BindTunnel("two", "alice", Backend(session, "two")));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("three", "alice", Backend(session, "three")));
        var refused = ExpectMsg<TunnelBindRefused>(Wait);
        registry.Tell(new BindTunnel("one", "alice", Backend(CreateTestProbe(), "one")));
        var pooled = ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new BindTunnel("mine", "bob", Backend(CreateTestProbe(), "mine")));
        ExpectMsg<TunnelBound>(Wait);

        Assert.StartsWith("too many tunnels for account 'alice': limit reached: 2 tunnels per account", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("Limits:TunnelsPerAccount", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(TunnelBindOutcome.JoinedPool, pooled.Outcome);

        registry.Tell(new UnbindTunnel("two", Backend(session, "two")));
        ExpectMsg<TunnelUnbound>(Wait);
        registry.Tell(new BindTunnel("three", "alice", Backend(session, "three")));
        ExpectMsg<TunnelBound>(Wait);
    }

    [Fact]
    public void Bind_NoPolicyWithReplaceDefault_TakesTheNameOver()
    {
        var registry = Registry(new TunnelOptions { DefaultBindPolicy = BindPolicy.Replace });
        var old = CreateTestProbe();
        var oldBackend = Backend(old, "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", oldBackend));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe(), "myapp")));

        Assert.Equal(TunnelBindOutcome.TookOver, ExpectMsg<TunnelBound>(Wait).Outcome);
        Assert.Equal(oldBackend, old.ExpectMsg<TunnelTakenOver>(Wait).Backend);
    }

    [Fact]
    public void Bind_NoPolicyWithPoolDefault_JoinsThePool()
    {
        var registry = Registry(new TunnelOptions { DefaultBindPolicy = BindPolicy.Pool });
        registry.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe(), "myapp")));

        Assert.Equal(TunnelBindOutcome.JoinedPool, ExpectMsg<TunnelBound>(Wait).Outcome);
    }

    [Fact]
    public void Bind_RefusedOtherAccountName_DoesNotCountTowardLimit()
    {
        var registry = Registry(new TunnelOptions { MaxTunnelsPerAccount = 1 });
        registry.Tell(new BindTunnel("taken", "alice", Backend(CreateTestProbe(), "taken")));
        ExpectMsg<TunnelBound>(Wait);

        registry.Tell(new BindTunnel("taken", "bob", Backend(CreateTestProbe(), "taken")));
        ExpectMsg<TunnelBindRefused>(Wait);
        registry.Tell(new BindTunnel("other", "bob", Backend(CreateTestProbe(), "other")));

        ExpectMsg<TunnelBound>(Wait);
    }

    [Fact]
    public void BindGenerated_Http_ReadableNameThatResolves()
    {
        var registry = Registry();
        var backend = Backend(CreateTestProbe(), "localhost");

        registry.Tell(new BindGeneratedTunnel("alice", backend));
        var bound = ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new ResolveTunnel(bound.Name, null));

        Assert.Matches("^[a-z]+-[a-z]+-[0-9]{4}$", bound.Name);
        Assert.Equal(TunnelBindOutcome.Bound, bound.Outcome);
        Assert.Equal(backend, ExpectMsg<TunnelResolved>(Wait).Backend);
    }

    [Fact]
    public void BindGenerated_Twice_TwoDifferentTunnels()
    {
        var registry = Registry();
        var session = CreateTestProbe();

        registry.Tell(new BindGeneratedTunnel("alice", Backend(session, "")));
        var first = ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new BindGeneratedTunnel("alice", Backend(session, "", port: 443)));
        var second = ExpectMsg<TunnelBound>(Wait);

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(TunnelKind.Tls, second.Kind);
    }

    [Fact]
    public void AllowList_SetByOwner_LetsOtherAccountReachAlias()
    {
        var registry = Registry();
        registry.Tell(new BindTunnel("mydb", "alice", Backend(CreateTestProbe(), "mydb", port: 5432)));
        ExpectMsg<TunnelBound>(Wait);
        registry.Tell(new ResolveTunnel("mydb", "bob"));
        Assert.Equal("tunnel 'mydb' is not open to account 'bob'", ExpectMsg<TunnelRefused>(Wait).Reason);
        registry.Tell(new ResolveTunnel("mydb", null));
        ExpectMsg<TunnelNotFound>(Wait);

        registry.Tell(new SetTunnelAllowList("mydb", "bob", ["bob"]));
        ExpectMsg<TunnelRefused>(Wait);
        registry.Tell(new SetTunnelAllowList("mydb", "alice", ["bob"]));
        ExpectMsg<TunnelAllowListSet>(Wait);
        registry.Tell(new ResolveTunnel("mydb", "bob"));

        var resolved = ExpectMsg<TunnelResolved>(Wait);
        Assert.Equal(TunnelKind.TcpAlias, resolved.Kind);
        Assert.Equal(5432u, resolved.Backend.BindPort);
    }

    [Fact]
    public async Task EntityStopped_Unexpectedly_RegistryForgetsNameAndUsage()
    {
        var registry = Registry(new TunnelOptions { HoldFor = Hold, MaxTunnelsPerAccount = 1 });
        registry.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBound>(Wait);
        var entity = await Sys.ActorSelection(registry.Path / "myapp.1").ResolveOne(Wait);
        Watch(entity);

        Sys.Stop(entity);
        ExpectTerminated(entity, Wait);

        AwaitAssert(
            () =>
            {
                registry.Tell(new ResolveTunnel("myapp", "alice"));
                ExpectMsg<TunnelNotFound>(Wait);
            },
            Wait);
        registry.Tell(new BindTunnel("other", "alice", Backend(CreateTestProbe(), "other")));
        ExpectMsg<TunnelBound>(Wait);
    }

    [Fact]
    public async Task Held_ClockPassesHold_EntityPassivatesOnItsTimer()
    {
        // A short hold so the entity's timer wakes often; the manual clock decides when it ends.
        var registry = Registry(new TunnelOptions { HoldFor = TimeSpan.FromMilliseconds(50) });
        var backend = Backend(CreateTestProbe(), "myapp");
        registry.Tell(new BindTunnel("myapp", "alice", backend));
        ExpectMsg<TunnelBound>(Wait);
        var entity = await Sys.ActorSelection(registry.Path / "myapp.1").ResolveOne(Wait);
        Watch(entity);
        registry.Tell(new UnbindTunnel("myapp", backend));
        ExpectMsg<TunnelUnbound>(Wait);
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBindRefused>(Wait);

        _clock.Advance(TimeSpan.FromMilliseconds(50));

        ExpectTerminated(entity, Wait);
        registry.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe(), "myapp")));
        ExpectMsg<TunnelBound>(Wait);
    }

    private IActorRef Registry(TunnelOptions? options = null) =>
        Sys.ActorOf(TunnelRegistry.Props(options ?? new TunnelOptions { HoldFor = Hold }, _clock));

    private static TunnelBackend Backend(TestProbe session, string bindAddress, uint port = 80) =>
        new(session.Ref, session.Ref.Path.Name, bindAddress, port);
}
