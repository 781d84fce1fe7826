namespace Warren.Relay.Cluster.Links;

/// <summary>
/// The kinds of frame on a relay link. Streams are asked for and refused over Akka remoting (the
/// control plane); the link carries the confirmation and what a bridged channel says once open.
/// </summary>
internal enum RelayFrameType : byte
{
    /// <summary>Link handshake: the listener's nonce (stream 0).</summary>
    Challenge = 1,

    /// <summary>Link handshake: the dialer's nonce and its proof of the cluster secret (stream 0).</summary>
    Response = 2,

    /// <summary>Link handshake: the listener's proof of the cluster secret; the link is up (stream 0).</summary>
    Accept = 3,

    /// <summary>Bytes of one stream; never more than the receiver granted.</summary>
    Data = 10,

    /// <summary>The receiver has passed on this many bytes: a 4-byte count the sender may send again (like WINDOW_ADJUST).</summary>
    Credit = 11,

    /// <summary>The sender will send no more data on the stream (like CHANNEL_EOF).</summary>
    Eof = 12,

    /// <summary>The stream is over in both directions (like CHANNEL_CLOSE).</summary>
    Close = 13,

    /// <summary>
    /// The far end's channel is open (like CHANNEL_OPEN_CONFIRMATION), sent by the tunnel's node
    /// on the link rather than over remoting, so that it arrives before the stream's first data.
    /// </summary>
    Opened = 14,
}
