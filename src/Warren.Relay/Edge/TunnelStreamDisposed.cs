namespace Warren.Relay.Edge;

/// <summary>The edge disposed its <see cref="TunnelStream"/>: close the channel.</summary>
internal sealed record TunnelStreamDisposed
{
    public static TunnelStreamDisposed Instance { get; } = new();
}
