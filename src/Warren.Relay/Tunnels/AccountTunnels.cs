namespace Warren.Relay.Tunnels;

/// <summary>
/// Which account has which live tunnel names, for the per-account limit. Fed by
/// <see cref="TunnelUsage"/> reports and by the reservation a bind makes before it reaches the
/// tunnel (so two binds in flight cannot both slip under the limit). Not thread-safe: one actor
/// owns it.
/// </summary>
internal sealed class AccountTunnels
{
    private readonly Dictionary<string, string> _ownerByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _namesByAccount = new(StringComparer.Ordinal);

    /// <summary>Live (or reserved) names in all accounts.</summary>
    public int Total => _ownerByName.Count;

    public int Count(string account) => _namesByAccount.TryGetValue(account, out var names) ? names.Count : 0;

    public bool Contains(string account, string name) => OwnerOf(name) == account;

    public string? OwnerOf(string name) => _ownerByName.GetValueOrDefault(name);

    /// <summary>
    /// Whether binding <paramref name="name"/> would take <paramref name="account"/> over
    /// <paramref name="limit"/>. A name the account already has adds nothing.
    /// </summary>
    public bool WouldExceed(string account, string name, int limit) =>
        !Contains(account, name) && Count(account) >= limit;

    /// <summary>Records that <paramref name="name"/> is live for <paramref name="owner"/>, or for no one.</summary>
    public void Set(string name, string? owner)
    {
        if (_ownerByName.TryGetValue(name, out var previous))
        {
            if (previous == owner)
            {
                return;
            }

            var names = _namesByAccount[previous];
            names.Remove(name);
            if (names.Count == 0)
            {
                _namesByAccount.Remove(previous);
            }

            _ownerByName.Remove(name);
        }

        if (owner is null)
        {
            return;
        }

        _ownerByName[name] = owner;
        if (!_namesByAccount.TryGetValue(owner, out var owned))
        {
            owned = new HashSet<string>(StringComparer.Ordinal);
            _namesByAccount[owner] = owned;
        }

        owned.Add(name);
    }
}
