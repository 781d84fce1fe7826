using Akka.TestKit.Xunit2;
using Warren.Relay.Sessions;

namespace Warren.Relay.Tests.Sessions;

/// <summary>The per-account session count behind SessionsPerAccount.</summary>
public sealed class AccountSessionsTests : TestKit
{
    [Fact]
    public void TryAdmit_OverTheLimit_RefusedWithAccountLimitAndSetting()
    {
        var sessions = new AccountSessions(new SessionLimits { SessionsPerAccount = 2 });

        Assert.True(sessions.TryAdmit(CreateTestProbe().Ref, "alice", out _));
        Assert.True(sessions.TryAdmit(CreateTestProbe().Ref, "alice", out _));
        Assert.False(sessions.TryAdmit(CreateTestProbe().Ref, "alice", out var reason));

        Assert.StartsWith("too many sessions for account 'alice': limit reached: 2 sessions per account", reason, StringComparison.Ordinal);
        Assert.Contains("Limits:SessionsPerAccount", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAdmit_OtherAccount_CountsApart()
    {
        var sessions = new AccountSessions(new SessionLimits { SessionsPerAccount = 1 });
        Assert.True(sessions.TryAdmit(CreateTestProbe().Ref, "alice", out _));

        Assert.True(sessions.TryAdmit(CreateTestProbe().Ref, "bob", out _));
        Assert.Equal(1, sessions.Count("alice"));
    }

    [Fact]
    public void Remove_AdmittedSession_FreesAPlace()
    {
        var sessions = new AccountSessions(new SessionLimits { SessionsPerAccount = 1 });
        var first = CreateTestProbe().Ref;
        Assert.True(sessions.TryAdmit(first, "alice", out _));

        sessions.Remove(first);
        sessions.Remove(CreateTestProbe().Ref);

        Assert.Equal(0, sessions.Count("alice"));
        Assert.True(sessions.TryAdmit(CreateTestProbe().Ref, "alice", out _));
    }

    [Fact]
    public void TryAdmit_SameSessionTwice_CountsOnce()
    {
        var sessions = new AccountSessions(new SessionLimits { SessionsPerAccount = 1 });
        var session = CreateTestProbe().Ref;

        Assert.True(sessions.TryAdmit(session, "alice", out _));
        Assert.True(sessions.TryAdmit(session, "alice", out _));
        Assert.Equal(1, sessions.Count("alice"));
    }
}
