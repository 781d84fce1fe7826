namespace Warren.Relay.Tunnels;

/// <summary>How a bind request ended; see <see cref="TunnelBindResult"/>.</summary>
internal enum TunnelBindOutcome
{
    /// <summary>The name was free (or held for this owner) and is now served by this backend alone.</summary>
    Bound,

    /// <summary>The owner already served the name; this backend joined the round-robin pool.</summary>
    JoinedPool,

    /// <summary>The owner asked to replace; the previous backends were dropped.</summary>
    TookOver,

    /// <summary>This very backend was already bound to the name; nothing changed.</summary>
    AlreadyBound,

    /// <summary>Refused; the result carries the reason.</summary>
    Refused,
}
