namespace Warren.Relay.Forwarding;

/// <summary>What a direct-tcpip target (ssh -L, -W, -J, -D) turned out to be.</summary>
public enum DirectTargetKind
{
    /// <summary>Refused: answer CHANNEL_OPEN_FAILURE with the decision's code and reason.</summary>
    Refused,

    /// <summary>A tunnel on this relay: open a forwarded-tcpip channel to one of its backends.</summary>
    Tunnel,

    /// <summary>A real host the operator allowed with --permit-open: resolve it and connect.</summary>
    RealHost,
}
