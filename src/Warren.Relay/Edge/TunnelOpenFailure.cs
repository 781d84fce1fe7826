namespace Warren.Relay.Edge;

/// <summary>Why a visitor's stream to a tunnel could not be opened; the edge maps it to what the visitor sees.</summary>
internal enum TunnelOpenFailure
{
    /// <summary>Opened.</summary>
    None,

    /// <summary>No live tunnel of that name and kind (the visitor is not told which).</summary>
    UnknownName,

    /// <summary>The tunnel's client could not reach its service, or its session went away.</summary>
    BackendFailed,

    /// <summary>The registry or the tunnel's session did not answer in time.</summary>
    Timeout,

    /// <summary>The visitor gave up (the request was canceled) before the channel opened.</summary>
    Canceled,

    /// <summary>The tunnel's <c>allow=</c> does not hold the visitor's address; no channel was opened.</summary>
    NotAllowed,

    /// <summary>The tunnel's session holds as many channels as it may (503 at the HTTP edge).</summary>
    OverLimit,
}
