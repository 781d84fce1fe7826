using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// Asks an edge actor for a stream to tunnel <see cref="Name"/> of kind <see cref="Kind"/>; the
/// answer completes <see cref="Result"/> (never faults).
/// </summary>
/// <param name="OriginatorAddress">The visitor's IP, sent to the tunnel's client as the originator (RFC 4254 §7.2).</param>
/// <param name="OriginatorPort">The visitor's port.</param>
/// <param name="Cancellation">Cancels the opening (not the open stream).</param>
internal sealed record OpenTunnelStream(
    string Name,
    TunnelKind Kind,
    string OriginatorAddress,
    uint OriginatorPort,
    TaskCompletionSource<TunnelOpenResult> Result,
    CancellationToken Cancellation)
{
    /// <summary>The backend the HTTP edge already chose (and checked the options of); null: resolve the name.</summary>
    public TunnelBackend? Backend { get; init; }
}
