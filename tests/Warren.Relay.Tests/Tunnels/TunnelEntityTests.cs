using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

/// <summary>The entity alone, with the test actor as its parent (as a shard would be) and a probe as quota keeper.</summary>
public sealed class TunnelEntityTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly ManualClock _clock = new();
    private readonly TestProbe _quota;
    private readonly TestProbe _caller;

    public TunnelEntityTests()
    {
        _quota = CreateTestProbe();
        _caller = CreateTestProbe();
    }

    [Fact]
    public void Resolve_FreshEntity_NotFoundAndAsksParentToPassivate()
    {
        var entity = Entity();

        entity.Tell(new ResolveTunnel("myapp", "alice"), _caller.Ref);

        _caller.ExpectMsg<TunnelNotFound>(Wait);
        Assert.Equal("myapp", ExpectMsg<PassivateTunnel>(Wait).Name);
    }

    [Fact]
    public void Passivating_CommandArrives_BouncedToParentWithSender()
    {
        var entity = Entity();
        Watch(entity);
        entity.Tell(new ResolveTunnel("myapp", "alice"), _caller.Ref);
        ExpectMsg<PassivateTunnel>(Wait);

        var bind = new BindTunnel("myapp", "bob", Backend(CreateTestProbe()));
        entity.Tell(bind, _caller.Ref);

        Assert.Equal(bind, ExpectMsg<BindTunnel>(Wait));
        Assert.Equal(_caller.Ref, LastSender);
        entity.Tell(StopTunnelEntity.Instance);
        ExpectTerminated(entity, Wait);
    }

    [Fact]
    public void Bind_Then_Unbind_ReportsLiveOwnerThenNone()
    {
        var entity = Entity();
        var backend = Backend(CreateTestProbe());

        entity.Tell(new BindTunnel("myapp", "alice", backend), _caller.Ref);
        _caller.ExpectMsg<TunnelBound>(Wait);
        Assert.Equal(new TunnelUsage("myapp", "alice"), _quota.ExpectMsg<TunnelUsage>(Wait));

        entity.Tell(new UnbindTunnel("myapp", backend), _caller.Ref);
        _caller.ExpectMsg<TunnelUnbound>(Wait);
        Assert.Equal(new TunnelUsage("myapp", null), _quota.ExpectMsg<TunnelUsage>(Wait));
    }

    [Fact]
    public void Bind_RefusedForOtherAccount_StillReportsSoReservationDrops()
    {
        var entity = Entity();
        entity.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe())), _caller.Ref);
        _caller.ExpectMsg<TunnelBound>(Wait);
        _quota.ExpectMsg<TunnelUsage>(Wait);

        entity.Tell(new BindTunnel("myapp", "bob", Backend(CreateTestProbe())), _caller.Ref);

        _caller.ExpectMsg<TunnelBindRefused>(Wait);
        Assert.Equal(new TunnelUsage("myapp", "alice"), _quota.ExpectMsg<TunnelUsage>(Wait));
    }

    [Fact]
    public void Bind_FreshNameAlreadyBound_RefusedEvenForOwner()
    {
        var entity = Entity();
        entity.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe())), _caller.Ref);
        _caller.ExpectMsg<TunnelBound>(Wait);

        entity.Tell(new BindTunnel("myapp", "alice", Backend(CreateTestProbe()), Fresh: true), _caller.Ref);

        Assert.Equal("tunnel 'myapp' is taken", _caller.ExpectMsg<TunnelBindRefused>(Wait).Reason);
    }

    [Fact]
    public void SessionStopped_OnlyBackend_ReportsNoneAndResolveNotFound()
    {
        var entity = Entity();
        var session = CreateTestProbe();
        entity.Tell(new BindTunnel("myapp", "alice", Backend(session)), _caller.Ref);
        _caller.ExpectMsg<TunnelBound>(Wait);
        _quota.ExpectMsg<TunnelUsage>(Wait);

        Sys.Stop(session.Ref);

        // The report is sent when the entity handles Terminated, so it also orders the resolve after it.
        Assert.Equal(new TunnelUsage("myapp", null), _quota.ExpectMsg<TunnelUsage>(Wait));
        entity.Tell(new ResolveTunnel("myapp", "alice"), _caller.Ref);
        _caller.ExpectMsg<TunnelNotFound>(Wait);
    }

    private IActorRef Entity() =>
        ChildActorOf(TunnelEntity.Props("myapp", new TunnelOptions { HoldFor = TimeSpan.FromMinutes(1) }, _clock, _quota.Ref));

    private static TunnelBackend Backend(TestProbe session) => new(session.Ref, session.Ref.Path.Name, "myapp", 80);
}
