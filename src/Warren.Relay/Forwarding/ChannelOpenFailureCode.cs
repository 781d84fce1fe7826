namespace Warren.Relay.Forwarding;

/// <summary>The reason codes of SSH_MSG_CHANNEL_OPEN_FAILURE (RFC 4254 §5.1).</summary>
public enum ChannelOpenFailureCode
{
    /// <summary>SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: policy says no (permit-open, permitopen, no-port-forwarding).</summary>
    AdministrativelyProhibited = 1,

    /// <summary>SSH_OPEN_CONNECT_FAILED: allowed, but the target could not be reached (no such tunnel now, refused, timed out).</summary>
    ConnectFailed = 2,

    /// <summary>SSH_OPEN_UNKNOWN_CHANNEL_TYPE.</summary>
    UnknownChannelType = 3,

    /// <summary>SSH_OPEN_RESOURCE_SHORTAGE: a limit (channels per session and the like) is reached.</summary>
    ResourceShortage = 4,
}
