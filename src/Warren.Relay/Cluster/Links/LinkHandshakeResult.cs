namespace Warren.Relay.Cluster.Links;

/// <summary>
/// How a link handshake ended: up with the link's id (and, on the listener's side, the proof
/// still to send), or failed with a reason for the log.
/// </summary>
internal sealed record LinkHandshakeResult(string? LinkId, byte[]? ListenerProof, string? Problem)
{
    public static LinkHandshakeResult Up(string linkId, byte[]? listenerProof) => new(linkId, listenerProof, null);

    public static LinkHandshakeResult Failed(string problem) => new(null, null, problem);
}
