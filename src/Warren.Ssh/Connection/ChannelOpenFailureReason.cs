namespace Warren.Ssh.Connection;

/// <summary>
/// Reason codes of SSH_MSG_CHANNEL_OPEN_FAILURE (RFC 4254 §5.1, registry in RFC 4250 §4.3). A peer
/// may send other values; they read as the number cast to this type.
/// </summary>
public enum ChannelOpenFailureReason : uint
{
    /// <summary>SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: policy forbids it (no permission, no session channels).</summary>
    AdministrativelyProhibited = 1,

    /// <summary>SSH_OPEN_CONNECT_FAILED: the target could not be reached, or no such tunnel.</summary>
    ConnectFailed = 2,

    /// <summary>SSH_OPEN_UNKNOWN_CHANNEL_TYPE.</summary>
    UnknownChannelType = 3,

    /// <summary>SSH_OPEN_RESOURCE_SHORTAGE: too many channels, or no buffers.</summary>
    ResourceShortage = 4,
}
