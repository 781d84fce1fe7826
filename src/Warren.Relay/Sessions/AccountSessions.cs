using Akka.Actor;

namespace Warren.Relay.Sessions;

/// <summary>
/// The authenticated sessions of each account on this node, for
/// <see cref="SessionLimits.SessionsPerAccount"/>. A session counts from its admission until its
/// actor stops. Not thread-safe: <see cref="SessionsActor"/> owns it.
/// </summary>
internal sealed class AccountSessions(SessionLimits limits)
{
    private readonly Dictionary<string, int> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _accountOf = [];

    /// <summary>Sessions of <paramref name="account"/> now.</summary>
    public int Count(string account) => _byAccount.GetValueOrDefault(account);

    /// <summary>
    /// Counts <paramref name="session"/> for <paramref name="account"/>, or refuses it with the
    /// disconnect reason when the account is at its limit. Admitting the same session twice counts once.
    /// </summary>
    public bool TryAdmit(IActorRef session, string account, out string reason)
    {
        reason = string.Empty;
        if (_accountOf.ContainsKey(session))
        {
            return true;
        }

        if (Count(account) >= limits.SessionsPerAccount)
        {
            reason = $"too many sessions for account '{account}': {limits.RefusalText(LimitKind.SessionsPerAccount)}";
            return false;
        }

        _accountOf[session] = account;
        _byAccount[account] = Count(account) + 1;
        return true;
    }

    /// <summary>The admitted sessions of <paramref name="account"/> on this node.</summary>
    public List<IActorRef> SessionsOf(string account)
    {
        var sessions = new List<IActorRef>();
        foreach (var (session, owner) in _accountOf)
        {
            if (string.Equals(owner, account, StringComparison.Ordinal))
            {
                sessions.Add(session);
            }
        }

        return sessions;
    }

    /// <summary>Forgets a stopped session; one never admitted changes nothing.</summary>
    public void Remove(IActorRef session)
    {
        if (!_accountOf.Remove(session, out var account))
        {
            return;
        }

        var left = Count(account) - 1;
        if (left == 0)
        {
            _byAccount.Remove(account);
        }
        else
        {
            _byAccount[account] = left;
        }
    }
}
