namespace Warren.Relay.Listeners;

/// <summary>
/// A bounded map from address prefix to <see cref="Penalty"/>, ordered by last update so that
/// the least recently penalised range is evicted first. Not thread-safe: the owner locks.
/// </summary>
internal sealed class PenaltyTable
{
    private readonly int _capacity;
    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Prefix, Penalty Penalty)>> _index = new();
    private readonly LinkedList<(UInt128 Prefix, Penalty Penalty)> _byAge = new();

    public PenaltyTable(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => _index.Count;

    public bool TryGet(UInt128 prefix, out Penalty penalty)
    {
        if (_index.TryGetValue(prefix, out var node))
        {
            penalty = node.Value.Penalty;
            return true;
        }

        penalty = default;
        return false;
    }

    public void Remove(UInt128 prefix)
    {
        if (_index.Remove(prefix, out var node))
        {
            _byAge.Remove(node);
        }
    }

    public void Set(UInt128 prefix, Penalty penalty, long now)
    {
        if (_index.TryGetValue(prefix, out var node))
        {
            _byAge.Remove(node);
            node.Value = (prefix, penalty);
            _byAge.AddLast(node);
            return;
        }

        // Expired entries go first; the oldest live one only when the table is still full.
        while (_byAge.First is { } oldest && (oldest.Value.Penalty.ExpiresAt <= now || _index.Count >= _capacity))
        {
            Remove(oldest.Value.Prefix);
        }

        _index[prefix] = _byAge.AddLast((prefix, penalty));
    }
}
