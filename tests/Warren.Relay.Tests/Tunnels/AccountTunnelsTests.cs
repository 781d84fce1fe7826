using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

public sealed class AccountTunnelsTests
{
    private readonly AccountTunnels _accounts = new();

    [Fact]
    public void Set_NamesForAccount_Counted()
    {
        _accounts.Set("a", "alice");
        _accounts.Set("b", "alice");
        _accounts.Set("b", "alice");

        Assert.Equal(2, _accounts.Count("alice"));
        Assert.True(_accounts.Contains("alice", "a"));
        Assert.Equal(0, _accounts.Count("bob"));
    }

    [Fact]
    public void Set_NameMovesToAnotherOwner_CountsFollow()
    {
        _accounts.Set("a", "alice");

        _accounts.Set("a", "bob");

        Assert.Equal(0, _accounts.Count("alice"));
        Assert.Equal(1, _accounts.Count("bob"));
        Assert.Equal("bob", _accounts.OwnerOf("a"));
    }

    [Fact]
    public void Set_NullOwner_Released()
    {
        _accounts.Set("a", "alice");

        _accounts.Set("a", null);

        Assert.Equal(0, _accounts.Count("alice"));
        Assert.Null(_accounts.OwnerOf("a"));
        Assert.Equal(0, _accounts.Total);
    }

    [Fact]
    public void WouldExceed_AtLimit_TrueForNewNameFalseForOwnName()
    {
        _accounts.Set("a", "alice");
        _accounts.Set("b", "alice");

        Assert.True(_accounts.WouldExceed("alice", "c", limit: 2));
        Assert.False(_accounts.WouldExceed("alice", "a", limit: 2));
        Assert.False(_accounts.WouldExceed("bob", "c", limit: 2));
    }
}
