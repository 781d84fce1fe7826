namespace Warren.Relay.Edge;

/// <summary>The outcome of opening a <see cref="TunnelStream"/>: the stream, or why not.</summary>
/// <param name="Stream">The open stream; the caller owns it and disposes it. Null on failure.</param>
/// <param name="Failure">Why it failed, or <see cref="TunnelOpenFailure.None"/>.</param>
/// <param name="Reason">Text for the log (not for visitors: it may name the tunnel's internals).</param>
internal sealed record TunnelOpenResult(TunnelStream? Stream, TunnelOpenFailure Failure, string Reason)
{
    /// <summary>The owner's options of the backend the stream goes to (the PROXY header to write first, for one).</summary>
    public EdgeTunnelOptions Options { get; init; } = EdgeTunnelOptions.Default;

    public static TunnelOpenResult Failed(TunnelOpenFailure failure, string reason) => new(null, failure, reason);
}
