namespace Warren.Relay.Metrics;

/// <summary>The listener a peer came through, as the <c>edge</c> label says it.</summary>
public enum RelayEdge
{
    /// <summary>An SSH client (the channel data of a session).</summary>
    Ssh,

    /// <summary>An HTTP visitor.</summary>
    Http,

    /// <summary>A TLS (SNI passthrough) visitor.</summary>
    Tls,

    /// <summary>A raw TCP visitor.</summary>
    Tcp,
}
