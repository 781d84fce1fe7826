using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

public sealed class TunnelStateTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private readonly ManualClock _clock = new();
    private readonly TunnelState _state;
    private readonly TunnelBackend _a1 = Backend("a1");
    private readonly TunnelBackend _a2 = Backend("a2");
    private readonly TunnelBackend _b1 = Backend("b1");

    public TunnelStateTests() => _state = new TunnelState("myapp", Hold, _clock);

    [Fact]
    public void Bind_FreeName_BindsForAccount()
    {
        var result = _state.Bind("alice", _a1, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.Bound, result.Outcome);
        Assert.Equal(TunnelPhase.Bound, _state.Phase);
        Assert.Equal("alice", _state.Owner);
        Assert.Equal(TunnelKind.Http, _state.Kind);
        Assert.Equal([_a1], _state.Backends);
    }

    [Fact]
    public void Bind_OwnerWithPoolPolicy_JoinsPool()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Bind("alice", _a2, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.JoinedPool, result.Outcome);
        Assert.Equal([_a1, _a2], _state.Backends);
    }

    [Fact]
    public void Bind_OwnerWithReplacePolicy_TakesOverAndReturnsReplaced()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Bind("alice", _a2, BindPolicy.Pool);
        var a3 = Backend("a3");

        var result = _state.Bind("alice", a3, BindPolicy.Replace);

        Assert.Equal(TunnelBindOutcome.TookOver, result.Outcome);
        Assert.Equal([_a1, _a2], result.Replaced);
        Assert.Equal([a3], _state.Backends);
        Assert.Equal(BindPolicy.Replace, _state.Policy);
    }

    [Fact]
    public void Bind_OtherAccountWhileBound_RefusedWithReason()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Bind("bob", _b1, BindPolicy.Replace);

        Assert.Equal(TunnelBindOutcome.Refused, result.Outcome);
        Assert.Equal("tunnel 'myapp' belongs to another account", result.Reason);
        Assert.Equal([_a1], _state.Backends);
    }

    [Fact]
    public void Bind_SameBackendTwice_AlreadyBound()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Bind("alice", _a1, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.AlreadyBound, result.Outcome);
        Assert.Single(_state.Backends);
    }

    [Fact]
    public void Bind_PoolOnAnotherPort_RefusedWithReason()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Bind("alice", Backend("a2", port: 5432), BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.Refused, result.Outcome);
        Assert.Contains("port 80", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ReplaceOnAnotherPort_ChangesKind()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Bind("alice", Backend("a2", port: 443), BindPolicy.Replace);

        Assert.Equal(TunnelBindOutcome.TookOver, result.Outcome);
        Assert.Equal(TunnelKind.Tls, _state.Kind);
        Assert.Equal(443u, _state.Port);
    }

    [Fact]
    public void Unbind_LastBackend_ReleasesAndHoldsForOwner()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        var result = _state.Unbind(_a1);

        Assert.Equal(TunnelUnbindResult.Released, result);
        Assert.Equal(TunnelPhase.Held, _state.Phase);
        Assert.Equal("alice", _state.Owner);
        Assert.Equal(_clock.GetUtcNow() + Hold, _state.HeldUntil);
        Assert.Empty(_state.Backends);
    }

    [Fact]
    public void Unbind_OneOfTwo_StaysBound()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Bind("alice", _a2, BindPolicy.Pool);

        Assert.Equal(TunnelUnbindResult.Unbound, _state.Unbind(_a1));
        Assert.Equal(TunnelPhase.Bound, _state.Phase);
        Assert.Equal([_a2], _state.Backends);
    }

    [Fact]
    public void Unbind_UnknownBackend_NotBound()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);

        Assert.Equal(TunnelUnbindResult.NotBound, _state.Unbind(_a2));
        Assert.Equal(TunnelUnbindResult.NotBound, new TunnelState("x", Hold, _clock).Unbind(_a1));
    }

    [Fact]
    public void UnbindSession_SessionWithTwoForwards_RemovesBoth()
    {
        var session = new FakeSession("s");
        var first = new TunnelBackend(session, "s", "myapp", 80);
        var second = first with { BindAddress = "MyApp" };
        _state.Bind("alice", first, BindPolicy.Pool);
        _state.Bind("alice", second, BindPolicy.Pool);
        _state.Bind("alice", _a2, BindPolicy.Pool);

        Assert.Equal(TunnelUnbindResult.Unbound, _state.UnbindSession(session));
        Assert.Equal([_a2], _state.Backends);
        Assert.False(_state.Serves(session));
        Assert.Equal(TunnelUnbindResult.Released, _state.UnbindSession(_a2.Session));
    }

    [Fact]
    public void Bind_SameForwardWithNewOptions_AlreadyBoundAndOptionsUpdated()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        var withAuth = _a1 with { Options = new Relay.Edge.EdgeTunnelOptions { BasicAuth = new("u", "p") } };

        var result = _state.Bind("alice", withAuth, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.AlreadyBound, result.Outcome);
        Assert.Single(_state.Backends);
        Assert.Equal("u", _state.NextBackend()!.Options.BasicAuth!.User);
    }

    [Fact]
    public void Held_OwnerBindsAgain_BoundAndKeepsAllowList()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.SetAllowList("alice", ["carol"]);
        _state.Unbind(_a1);
        _clock.Advance(Hold - TimeSpan.FromSeconds(1));

        var result = _state.Bind("alice", _a2, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.Bound, result.Outcome);
        Assert.Equal(TunnelPhase.Bound, _state.Phase);
        Assert.Null(_state.HeldUntil);
        Assert.True(_state.CanReach("carol"));
    }

    [Fact]
    public void Held_OtherAccountBinds_RefusedWithSameReason()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Unbind(_a1);
        _clock.Advance(Hold - TimeSpan.FromTicks(1));

        var result = _state.Bind("bob", _b1, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.Refused, result.Outcome);
        Assert.Equal(TunnelState.BelongsToAnotherAccount("myapp"), result.Reason);
        Assert.Equal(TunnelPhase.Held, _state.Phase);
    }

    [Fact]
    public void Held_GraceTimePasses_NameIsFree()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Unbind(_a1);

        _clock.Advance(Hold);

        Assert.Equal(TunnelPhase.Free, _state.Phase);
        Assert.Null(_state.Owner);
        Assert.Null(_state.HeldUntil);
    }

    [Fact]
    public void Free_AfterHold_OtherAccountBindsWithEmptyAllowList()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.SetAllowList("alice", ["carol"]);
        _state.Unbind(_a1);
        _clock.Advance(Hold);

        var result = _state.Bind("bob", _b1, BindPolicy.Pool);

        Assert.Equal(TunnelBindOutcome.Bound, result.Outcome);
        Assert.Equal("bob", _state.Owner);
        Assert.Empty(_state.AllowList);
        Assert.False(_state.CanReach("carol"));
        Assert.False(_state.CanReach("alice"));
    }

    [Fact]
    public void Unbind_ZeroHold_FreeAtOnce()
    {
        var state = new TunnelState("myapp", TimeSpan.Zero, _clock);
        state.Bind("alice", _a1, BindPolicy.Pool);

        Assert.Equal(TunnelUnbindResult.Released, state.Unbind(_a1));
        Assert.Equal(TunnelPhase.Free, state.Phase);
        Assert.Equal(TunnelBindOutcome.Bound, state.Bind("bob", _b1, BindPolicy.Pool).Outcome);
    }

    [Fact]
    public void NextBackend_PoolOfThree_RoundRobin()
    {
        var a3 = Backend("a3");
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Bind("alice", _a2, BindPolicy.Pool);
        _state.Bind("alice", a3, BindPolicy.Pool);

        var picks = Enumerable.Range(0, 6).Select(_ => _state.NextBackend()!).ToArray();

        Assert.Equal([_a1, _a2, a3, _a1, _a2, a3], picks);
    }

    [Fact]
    public void NextBackend_AfterUnbindInPool_ContinuesWithTheNextOne()
    {
        var a3 = Backend("a3");
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Bind("alice", _a2, BindPolicy.Pool);
        _state.Bind("alice", a3, BindPolicy.Pool);
        Assert.Equal(_a1, _state.NextBackend());
        Assert.Equal(_a2, _state.NextBackend());

        _state.Unbind(_a1);

        Assert.Equal(a3, _state.NextBackend());
        Assert.Equal(_a2, _state.NextBackend());
        Assert.Equal(a3, _state.NextBackend());
    }

    [Fact]
    public void NextBackend_NoBackend_Null()
    {
        Assert.Null(_state.NextBackend());
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.Unbind(_a1);
        Assert.Null(_state.NextBackend());
    }

    [Fact]
    public void CanReach_OwnerAndAllowedAccounts_TrueOthersFalse()
    {
        _state.Bind("alice", Backend("a1", port: 5432), BindPolicy.Pool);
        Assert.True(_state.CanReach("alice"));
        Assert.False(_state.CanReach("bob"));

        Assert.Equal(TunnelAllowListResult.Set, _state.SetAllowList("alice", ["bob"]));

        Assert.True(_state.CanReach("bob"));
        Assert.False(_state.CanReach("carol"));
    }

    [Fact]
    public void CanReach_AnyAccountInAllowList_EveryAccountTrue()
    {
        _state.Bind("alice", Backend("a1", port: 22), BindPolicy.Pool);

        _state.SetAllowList("alice", [TunnelState.AnyAccount]);

        Assert.True(_state.CanReach("mallory"));
        Assert.False(_state.CanReach(null));
    }

    [Theory]
    [InlineData(80u, true)]
    [InlineData(443u, true)]
    [InlineData(5432u, false)]
    public void CanReach_PublicVisitor_OnlyHttpAndTls(uint port, bool reachable)
    {
        _state.Bind("alice", Backend("a1", port), BindPolicy.Pool);

        Assert.Equal(reachable, _state.CanReach(null));
    }

    [Fact]
    public void CanReach_FreeName_False()
    {
        Assert.False(_state.CanReach("alice"));
        Assert.False(_state.CanReach(null));
    }

    [Fact]
    public void SetAllowList_NotOwnerOrFree_Refused()
    {
        Assert.Equal(TunnelAllowListResult.NotFound, _state.SetAllowList("alice", ["bob"]));
        _state.Bind("alice", _a1, BindPolicy.Pool);

        Assert.Equal(TunnelAllowListResult.NotOwner, _state.SetAllowList("bob", ["bob"]));
        Assert.False(_state.CanReach("bob"));
    }

    [Fact]
    public void SetAllowList_Twice_ReplacesAndSkipsOwner()
    {
        _state.Bind("alice", _a1, BindPolicy.Pool);
        _state.SetAllowList("alice", ["bob", "carol"]);

        _state.SetAllowList("alice", ["dave", "alice", ""]);

        Assert.Equal(["dave"], _state.AllowList);
    }

    private static TunnelBackend Backend(string id, uint port = 80) =>
        new(new FakeSession(id), id, "myapp", port);
}
